package io.cohort.benchmarks.live;

import io.cohort.lab.localcluster.ClusterLan;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LinkCounters;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.lab.localcluster.LocalNamespace;
import io.cohort.lab.localcluster.MemberOptions;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.lab.localcluster.MemberTransport;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster layer with real processes (docs/PERFORMANCE.md, "Cluster members as real processes"):
 * N packaged servers ({@code cohort run}, the real protocol runtime with L2TP, PPTP off), a
 * {@link LocalCluster} prepared without steering: each member in its own network namespace, every
 * namespace joined by a veth to one bridge (in a namespace of its own), cluster network
 * 10.210.0.0/24 with member i at 10.210.0.(10+i), cluster transport multicast (or static peers)
 * over that link, the server's own watchdog, full security (the local cluster's CA).
 * Measures:
 * <ol>
 *   <li>formation: from launching all members to one master, every member listing all, all 1024
 *       units assigned;</li>
 *   <li>idle steady state over {@code --window}: CPU per member (utime + stime) and cluster traffic
 *       from the transport's counters and the cluster interface's counters;</li>
 *   <li>failover: {@code --rounds} rounds of kill -9 of a non-master member, then of the master,
 *       each timed until the survivors agree again, each victim restarted afterwards.</li>
 * </ol>
 * Convergence is read from {@code cluster --json} over the members' control sockets, polled every
 * {@code --poll} ms ({@link ClusterAgreement}). Needs root. Prints Markdown tables.
 */
@Command(name = "cohort-bench-cluster", mixinStandardHelpOptions = true,
        description = "Cluster layer with real processes across network namespaces (needs root).")
public final class ClusterLiveBenchmark implements Callable<Integer> {
    /** The cluster network of docs/PERFORMANCE.md: member i at 10.210.0.(10 + i). */
    private static final ClusterLan LAN = new ClusterLan("10.210.0");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final int IPV4_UDP_HEADERS = 28;
    private static final Pattern LOG_PROBLEM = Pattern.compile("\\b(WARN|ERROR)\\b|Exception");
    /**
     * What the local cluster could leave in the host's own namespace if deleting its namespaces
     * failed: the bridge, its ports, a member's TUN (the lab creates them all inside namespaces).
     */
    private static final Pattern HOST_LINK = Pattern.compile("\\d+: (br0|p-[a-z0-9]+|cohort0)[:@].*");
    private static final List<String> TRANSPORT_COUNTERS = List.of("cluster.transport.tx.octets",
            "cluster.transport.rx.octets", "cluster.transport.tx.datagrams", "cluster.transport.rx.datagrams");

    @Option(names = "--server-jar", defaultValue = "cli/target/cohort.jar",
            description = "the packaged server (default ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--members", defaultValue = "3",
            description = "cluster members, 2.." + ClusterLan.MAX_MEMBERS + " (default ${DEFAULT-VALUE})")
    int memberCount;

    @Option(names = "--window", defaultValue = "60", description = "idle measurement window in seconds (default ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--settle", defaultValue = "10",
            description = "seconds between formation and the idle window (default ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--rounds", defaultValue = "5",
            description = "failover rounds, each a member kill and a master kill (default ${DEFAULT-VALUE}); 0 for none")
    int rounds;

    @Option(names = "--transport", defaultValue = "multicast",
            description = "multicast (--group on the bridge link) or static (every member listed as a peer); "
                    + "default ${DEFAULT-VALUE}")
    String transport;

    @Option(names = "--group", defaultValue = "239.192.74.1", description = "multicast group (default ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of every member (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--member-jvm-option", description = "an extra JVM option for every member")
    List<String> memberJvmOptions = new ArrayList<>();

    @Option(names = "--poll", defaultValue = "20", description = "convergence poll interval in ms (default ${DEFAULT-VALUE})")
    int pollMillis;

    @Option(names = "--stable", defaultValue = "2000",
            description = "ms an agreement must hold to count; one that breaks earlier is a flap and the wait goes on "
                    + "(default ${DEFAULT-VALUE})")
    int stableMillis;

    @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for any convergence (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--keep", description = "keep the working directory (configurations, logs) after the run")
    boolean keep;

    private LocalCluster cluster;
    private ClusterAgreement agreement;
    private long restartStart;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterLiveBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!transport.equals("multicast") && !transport.equals("static")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--transport is multicast or static");
        }
        if (memberCount < 2 || memberCount > ClusterLan.MAX_MEMBERS) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--members must be 2.." + ClusterLan.MAX_MEMBERS);
        }
        System.out.printf(Locale.ROOT, "# Cluster with real processes: %d members, transport %s, window %d s, %d rounds, -Xmx%s%n%n",
                memberCount, transport, windowSeconds, rounds, heap);
        System.out.println("load average before: " + loadAverage());
        System.out.println("server jar: " + serverJar.toAbsolutePath());
        System.out.println();
        cluster = LocalCluster.prepare(settings());
        agreement = new ClusterAgreement(cluster, Duration.ofMillis(pollMillis), Duration.ofMillis(stableMillis),
                Duration.ofSeconds(timeoutSeconds));
        List<String> namespaceNames = cluster.namespaces().stream().map(LocalNamespace::name).toList();
        List<String> all = cluster.stoppedMembers();
        Path work = cluster.workDirectory();
        int exit = 0;
        try {
            exit = measure(all);
        } finally {
            System.out.println();
            System.out.println("load average after: " + loadAverage());
            logProblems(all);
            cluster.close();
            exit = Math.max(exit, checkClean(namespaceNames));
            if (keep) {
                System.out.println("kept " + work + " (configurations and logs)");
            }
        }
        return exit;
    }

    /** The members of docs/PERFORMANCE.md: -Xmx{@code --heap} and the JVM's defaults, L2TP only, the server's watchdog. */
    private LocalClusterSettings settings() {
        MemberTransport memberTransport = transport.equals("static") ? new MemberTransport.StaticPeers()
                : new MemberTransport.Multicast(Optional.of(group));
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(memberJvmOptions);
        return LocalClusterSettings.of(memberCount, Optional.empty(), CohortCommandLine.ofJar(JAVA, serverJar, jvm))
                .withLan(LAN).withMemberOptions(new MemberOptions(memberTransport, Optional.empty(), false))
                .withFiles(Path.of(System.getProperty("java.io.tmpdir")), keep);
    }

    // The measurements.

    private int measure(List<String> all) throws Exception {
        long t0 = System.nanoTime();
        all.forEach(cluster::startMember);
        for (MemberProcess m : cluster.members()) {
            m.awaitStarted(Duration.ofSeconds(timeoutSeconds));
        }
        long lastStarted = System.nanoTime();
        ClusterAgreement.Stable formation = agreement.awaitStable(all);
        String master = formation.master();
        long formed = formation.agreedNanos();
        System.out.println("## Formation");
        System.out.println();
        System.out.println("| members | launch → converged, ms | last member started → converged, ms | master | flaps |");
        System.out.println("|---:|---:|---:|---|---:|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %d |%n%n", memberCount, ms(formed - t0), ms(formed - lastStarted),
                master, formation.flaps());

        Thread.sleep(settleSeconds * 1000L);
        int exit = idle(master);

        if (rounds > 0) {
            failover(all);
        }
        return exit;
    }

    private int idle(String master) throws Exception {
        List<MemberProcess> running = cluster.members();
        Map<String, Sample> before = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadsBefore = new LinkedHashMap<>();
        for (MemberProcess m : running) {
            before.put(m.name(), sample(m));
            threadsBefore.put(m.name(), ProcessCpu.threadSeconds(m.pid()));
        }
        ProcessCpu.Machine machineBefore = ProcessCpu.machine();
        long start = System.nanoTime();
        Thread.sleep(windowSeconds * 1000L);
        Map<String, Sample> after = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadsAfter = new LinkedHashMap<>();
        for (MemberProcess m : running) {
            after.put(m.name(), sample(m));
            threadsAfter.put(m.name(), ProcessCpu.threadSeconds(m.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double machineBusy = ProcessCpu.machine().busySince(machineBefore);
        String masterAfter = running.getFirst().cluster().flatMap(ClusterDocument::master).orElse(null);
        System.out.printf(Locale.ROOT, "## Idle steady state (%.1f s window, %d s after formation)%n%n", seconds, settleSeconds);
        System.out.println("CPU: utime + stime of the member's JVM, % of one core. Payload: the transport's counters "
                + "(UDP payload, cluster.transport.{tx,rx}.{octets,datagrams}). +28: the same plus 28 octets of IPv4 and "
                + "UDP header per datagram (one header per datagram; IP fragments' extra headers not counted). Link: the "
                + "member's veth " + ClusterLan.DEVICE + " (/proc/net/dev: Ethernet frames, every fragment, ARP and IGMP "
                + "included). All in bytes/s.");
        System.out.println();
        System.out.println("| member | role | CPU % | payload sent | payload received | datagrams sent/s | datagrams received/s "
                + "| sent +28 | received +28 | link tx | link rx |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<double[]> memberRows = new ArrayList<>();
        double[] masterRow = null;
        for (MemberProcess m : running) {
            double[] r = after.get(m.name()).minus(before.get(m.name()), seconds);
            boolean isMaster = m.name().equals(master);
            System.out.println(row(m.name(), isMaster ? "master" : "member", r));
            if (isMaster) {
                masterRow = r;
            } else {
                memberRows.add(r);
            }
        }
        double[] mean = new double[memberRows.getFirst().length];
        memberRows.forEach(r -> IntStream.range(0, mean.length).forEach(i -> mean[i] += r[i] / memberRows.size()));
        System.out.println(row("**master**", "", masterRow));
        System.out.println(row("**member (mean)**", "", mean));
        System.out.println();
        System.out.printf(Locale.ROOT, "machine busy during the window: %.1f %% of both cores%n%n", 100 * machineBusy);
        System.out.println("Busiest threads (CPU % of one core over the window; thread names with trailing digits folded to #):");
        System.out.println();
        for (MemberProcess m : running) {
            Map<String, Double> b = threadsBefore.get(m.name());
            String top = threadsAfter.get(m.name()).entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - b.getOrDefault(e.getKey(), 0.0)) / seconds))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), 100 * e.getValue()))
                    .collect(Collectors.joining(", "));
            System.out.printf("- %s (%s): %s%n", m.name(), m.name().equals(master) ? "master" : "member", top);
        }
        System.out.println();
        if (!master.equals(masterAfter)) {
            System.out.println("MASTER CHANGED during the idle window: " + master + " -> " + masterAfter);
            return 1;
        }
        System.out.println();
        return 0;
    }

    private static String row(String name, String role, double[] r) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %,.0f | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %,.0f |",
                name, role, 100 * r[0], r[1], r[2], r[3], r[4], r[1] + IPV4_UDP_HEADERS * r[3],
                r[2] + IPV4_UDP_HEADERS * r[4], r[5], r[6]);
    }

    private void failover(List<String> all) throws Exception {
        List<Long> memberDeath = new ArrayList<>();
        List<Long> masterDeath = new ArrayList<>();
        List<Long> rejoin = new ArrayList<>();
        System.out.println("## Failover (kill -9)");
        System.out.println();
        System.out.println("| round | killed | was | death → survivors agree, ms | flaps | new master | restart → all rejoined, ms | flaps |");
        System.out.println("|---:|---|---|---:|---:|---|---:|---:|");
        for (int round = 1; round <= rounds; round++) {
            String master = agreement.awaitStable(all).master();
            List<String> others = all.stream().filter(n -> !n.equals(master)).toList();
            String victim = others.get((round - 1) % others.size());
            long start = System.nanoTime();
            cluster.killMember(victim);
            ClusterAgreement.Stable death = agreement.awaitStable(all.stream().filter(n -> !n.equals(victim)).toList());
            memberDeath.add(ms(death.agreedNanos() - start));
            ClusterAgreement.Stable back = restart(victim, all);
            rejoin.add(ms(back.agreedNanos() - restartStart));
            System.out.printf(Locale.ROOT, "| %d | %s | member | %d | %d | %s | %d | %d |%n", round, victim,
                    ms(death.agreedNanos() - start), death.flaps(), death.master(), ms(back.agreedNanos() - restartStart),
                    back.flaps());

            String current = back.master();
            start = System.nanoTime();
            cluster.killMember(current);
            death = agreement.awaitStable(all.stream().filter(n -> !n.equals(current)).toList());
            masterDeath.add(ms(death.agreedNanos() - start));
            back = restart(current, all);
            rejoin.add(ms(back.agreedNanos() - restartStart));
            System.out.printf(Locale.ROOT, "| %d | %s | master | %d | %d | %s | %d | %d |%n", round, current,
                    ms(death.agreedNanos() - start), death.flaps(), death.master(), ms(back.agreedNanos() - restartStart),
                    back.flaps());
        }
        System.out.println();
        System.out.println("| kill -9 of | rounds | median ms | max ms | all ms |");
        System.out.println("|---|---:|---:|---:|---|");
        System.out.println(summary("a member", memberDeath));
        System.out.println(summary("the master", masterDeath));
        System.out.println(summary("(restart → rejoined)", rejoin));
    }

    private static String summary(String what, List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %s |", what, n, median, sorted.getLast(),
                times.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /**
     * Starts {@code name} again in its namespace; until all members agree again, stably (JVM
     * start-up included; from {@link #restartStart}).
     */
    private ClusterAgreement.Stable restart(String name, List<String> all) throws Exception {
        restartStart = System.nanoTime();
        cluster.startMember(name).awaitStarted(Duration.ofSeconds(timeoutSeconds));
        return agreement.awaitStable(all);
    }

    // Reading members.

    /** CPU seconds, transport counters and interface counters of a member, at one moment. */
    private record Sample(double cpu, long txOctets, long rxOctets, long txDatagrams, long rxDatagrams, long linkTx,
            long linkRx) {
        double[] minus(Sample b, double seconds) {
            return new double[] {(cpu - b.cpu) / seconds, (txOctets - b.txOctets) / seconds, (rxOctets - b.rxOctets) / seconds,
                (txDatagrams - b.txDatagrams) / seconds, (rxDatagrams - b.rxDatagrams) / seconds,
                (linkTx - b.linkTx) / seconds, (linkRx - b.linkRx) / seconds};
        }
    }

    private static Sample sample(MemberProcess m) {
        StatusDocument status = m.status().orElseThrow(() -> new IllegalStateException(m + " does not answer status"));
        long[] transport = TRANSPORT_COUNTERS.stream().mapToLong(name -> counter(status, name)).toArray();
        LinkCounters link = m.linkCounters();
        return new Sample(ProcessCpu.processSeconds(m.pid()), transport[0], transport[1], transport[2], transport[3],
                link.txBytes(), link.rxBytes());
    }

    /** A counter the transport always has; missing, the run would measure nothing. */
    private static long counter(StatusDocument status, String name) {
        Long value = status.counters().get(name);
        if (value == null) {
            throw new IllegalStateException("no counter " + name + " in the status of " + status.server().hostname()
                    + "; it has " + status.counters().keySet());
        }
        return value;
    }

    // Housekeeping.

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Counts and shows the first WARN/ERROR lines of every member's log (all its starts). */
    private void logProblems(List<String> names) {
        for (String name : names) {
            try {
                List<String> problems = Files.readAllLines(cluster.memberLog(name)).stream()
                        .filter(l -> LOG_PROBLEM.matcher(l).find()).toList();
                System.out.printf("log %s: %d WARN/ERROR lines%n", name, problems.size());
                problems.stream().limit(8).forEach(l -> System.out.println("    " + l));
            } catch (IOException e) {
                System.out.println("log " + name + ": unreadable: " + e.getMessage());
            }
        }
    }

    /** 0 if none of the cluster's namespaces and none of its links is left on the host, else 1 (with what is left). */
    private static int checkClean(List<String> namespaceNames) {
        String netns = run("ip", "netns", "list");
        String links = run("ip", "-o", "link");
        List<String> left = new ArrayList<>();
        namespaceNames.stream().filter(netns::contains).forEach(n -> left.add("namespace " + n));
        links.lines().filter(l -> HOST_LINK.matcher(l).matches()).forEach(l -> left.add("link " + l));
        if (left.isEmpty()) {
            System.out.println("cleanup: ip netns list and ip link show nothing left of this run");
            return 0;
        }
        System.out.println("cleanup: LEFT BEHIND: " + left);
        return 1;
    }

    private static String run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
