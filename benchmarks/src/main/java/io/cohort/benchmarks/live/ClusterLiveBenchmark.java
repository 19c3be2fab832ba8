package io.cohort.benchmarks.live;

import io.cohort.cluster.pki.CaDirectory;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster layer with real processes (docs/PERFORMANCE.md, "Cluster members as real processes"):
 * N packaged servers ({@code cohort run}, the real protocol runtime with L2TP), each in its own
 * network namespace, every namespace joined by a veth to one bridge (in a namespace of its own),
 * cluster network 10.210.0.0/24 with member i at 10.210.0.(10+i), cluster transport multicast
 * (or static peers) over that link, full security (certificates from {@link CaDirectory}).
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
 * {@code --poll} ms. Needs root. Prints Markdown tables.
 */
@Command(name = "cohort-bench-cluster", mixinStandardHelpOptions = true,
        description = "Cluster layer with real processes across network namespaces (needs root).")
public final class ClusterLiveBenchmark implements Callable<Integer> {
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";
    private static final String INTERFACE = "cl0";
    private static final String BRIDGE = "br0";
    private static final int UNITS = 1024;
    private static final int IPV4_UDP_HEADERS = 28;
    private static final Pattern LOG_PROBLEM = Pattern.compile("\\b(WARN|ERROR)\\b|Exception");

    @Option(names = "--server-jar", defaultValue = "cli/target/cohort.jar",
            description = "the packaged server (default ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--members", defaultValue = "3", description = "cluster members (default ${DEFAULT-VALUE})")
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

    private final Map<String, Member> members = new LinkedHashMap<>();
    private Path work;
    private int starts;

    /** One member: its namespace, home directory and current process (null while dead). */
    private static final class Member {
        final String name;
        final int host;
        final Netns ns;
        final Path home;
        ServerProcess process;

        Member(String name, int host, Netns ns, Path home) {
            this.name = name;
            this.host = host;
            this.ns = ns;
            this.home = home;
        }

        String address() {
            return "10.210.0." + host;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterLiveBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!transport.equals("multicast") && !transport.equals("static")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--transport is multicast or static");
        }
        if (memberCount < 2 || memberCount > 200) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--members must be 2..200");
        }
        work = Files.createTempDirectory("cohort-bench-cluster-");
        System.out.printf(Locale.ROOT, "# Cluster with real processes: %d members, transport %s, window %d s, %d rounds, -Xmx%s%n%n",
                memberCount, transport, windowSeconds, rounds, heap);
        System.out.println("load average before: " + loadAverage());
        System.out.println("server jar: " + serverJar.toAbsolutePath());
        System.out.println();
        TestNetwork.sweepStale();
        TestNetwork network = TestNetwork.create();
        List<String> namespaceNames = new ArrayList<>();
        int exit = 0;
        try {
            build(network);
            network.namespaces().forEach(ns -> namespaceNames.add(ns.name()));
            exit = measure();
        } finally {
            System.out.println();
            System.out.println("load average after: " + loadAverage());
            logProblems();
            network.close();
            exit = Math.max(exit, checkClean(namespaceNames));
            if (!keep) {
                deleteTree(work);
            } else {
                System.out.println("kept " + work + " and the logs in " + network.logDirectory());
            }
        }
        return exit;
    }

    // The network and the members.

    private void build(TestNetwork network) throws IOException {
        Netns bridge = network.namespace("clbr");
        network.bridge(bridge, BRIDGE);
        CaDirectory ca = CaDirectory.init(work.resolve("ca"), "bench-cluster-ca", Instant.now(), Duration.ofDays(30),
                new SecureRandom());
        for (int i = 1; i <= memberCount; i++) {
            String name = "m" + i;
            Netns ns = network.namespace(name);
            network.attachToBridge(ns, INTERFACE, bridge, BRIDGE, "p" + i);
            Member m = new Member(name, 10 + i, ns, Files.createDirectories(work.resolve(name)));
            ns.addAddress(INTERFACE, m.address() + "/24");
            ca.issue(name, InetAddress.getByName(m.address()), Instant.now(), Duration.ofDays(30), new SecureRandom());
            members.put(name, m);
        }
    }

    private String sections(Member m) {
        String peers = members.values().stream().map(p -> p.address() + ":7400").collect(Collectors.joining(", "));
        String transportLines = transport.equals("multicast")
                ? "transport = multicast\ngroup = %s\ninterface = %s\n".formatted(group, INTERFACE)
                : "transport = static\npeers = %s\n".formatted(peers);
        return """
                [server]
                hostname = %s

                [log]
                level = info

                [pptp]
                enabled = false

                [pool]
                ipv4 = 10.96.0.0/24
                gateway = 10.96.0.1

                [tun]
                name = cohort0

                [cluster]
                enabled = true
                name = %s
                address = %s
                port = 7400
                %spki-dir = %s
                state-dir = %s
                config-version = 1
                assign-all-units = true
                """.formatted(m.name, m.name, m.address(), transportLines, work.resolve("ca"), m.home.resolve("state"));
    }

    private void launch(Member m) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(memberJvmOptions);
        m.process = ServerProcess.launchServer(m.ns, m.home, m.home.resolve("server-" + (++starts) + ".log"), serverJar,
                jvm, sections(m), USER, PASSWORD);
    }

    private void kill9(Member m) throws Exception {
        ProcessHandle handle = ProcessHandle.of(m.process.pid()).orElseThrow();
        handle.destroyForcibly(); // SIGKILL
        handle.onExit().get();
        m.process = null;
    }

    // The measurements.

    private int measure() throws Exception {
        List<String> all = List.copyOf(members.keySet());
        long t0 = System.nanoTime();
        members.values().forEach(this::launch);
        for (Member m : members.values()) {
            m.process.awaitStarted(Duration.ofSeconds(timeoutSeconds));
        }
        long lastStarted = System.nanoTime();
        Stable formation = awaitStable(all);
        String master = formation.master();
        long formed = formation.agreedNanos();
        System.out.println("## Formation");
        System.out.println();
        System.out.println("| members | launch → converged, ms | last member started → converged, ms | master | flaps |");
        System.out.println("|---:|---:|---:|---|---:|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %d |%n%n", memberCount, ms(formed - t0), ms(formed - lastStarted),
                master, formation.flaps());

        Thread.sleep(settleSeconds * 1000L);
        int exit = idle(all, master);

        if (rounds > 0) {
            failover(all);
        }
        return exit;
    }

    private int idle(List<String> all, String master) throws Exception {
        Map<String, Sample> before = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadsBefore = new LinkedHashMap<>();
        for (Member m : members.values()) {
            before.put(m.name, sample(m));
            threadsBefore.put(m.name, ProcessCpu.threadSeconds(m.process.pid()));
        }
        ProcessCpu.Machine machineBefore = ProcessCpu.machine();
        long start = System.nanoTime();
        Thread.sleep(windowSeconds * 1000L);
        Map<String, Sample> after = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadsAfter = new LinkedHashMap<>();
        for (Member m : members.values()) {
            after.put(m.name, sample(m));
            threadsAfter.put(m.name, ProcessCpu.threadSeconds(m.process.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double machineBusy = ProcessCpu.machine().busySince(machineBefore);
        String masterAfter = masterOf(cluster(members.get(all.getFirst())));
        System.out.printf(Locale.ROOT, "## Idle steady state (%.1f s window, %d s after formation)%n%n", seconds, settleSeconds);
        System.out.println("CPU: utime + stime of the member's JVM, % of one core. Payload: the transport's counters "
                + "(UDP payload, cluster.transport.{tx,rx}.{octets,datagrams}). +28: the same plus 28 octets of IPv4 and "
                + "UDP header per datagram (one header per datagram; IP fragments' extra headers not counted). Link: the "
                + "member's veth " + INTERFACE + " (/proc/net/dev: Ethernet frames, every fragment, ARP and IGMP included). "
                + "All in bytes/s.");
        System.out.println();
        System.out.println("| member | role | CPU % | payload sent | payload received | datagrams sent/s | datagrams received/s "
                + "| sent +28 | received +28 | link tx | link rx |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<double[]> memberRows = new ArrayList<>();
        double[] masterRow = null;
        for (Member m : members.values()) {
            double[] r = after.get(m.name).minus(before.get(m.name), seconds);
            boolean isMaster = m.name.equals(master);
            System.out.println(row(m.name, isMaster ? "master" : "member", r));
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
        for (Member m : members.values()) {
            Map<String, Double> b = threadsBefore.get(m.name);
            String top = threadsAfter.get(m.name).entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - b.getOrDefault(e.getKey(), 0.0)) / seconds))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), 100 * e.getValue()))
                    .collect(Collectors.joining(", "));
            System.out.printf("- %s (%s): %s%n", m.name, m.name.equals(master) ? "master" : "member", top);
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
            String master = awaitStable(all).master();
            List<String> others = all.stream().filter(n -> !n.equals(master)).toList();
            String victim = others.get((round - 1) % others.size());
            long start = System.nanoTime();
            kill9(members.get(victim));
            Stable death = awaitStable(all.stream().filter(n -> !n.equals(victim)).toList());
            memberDeath.add(ms(death.agreedNanos() - start));
            Stable back = restart(members.get(victim), all);
            rejoin.add(ms(back.agreedNanos() - restartStart));
            System.out.printf(Locale.ROOT, "| %d | %s | member | %d | %d | %s | %d | %d |%n", round, victim,
                    ms(death.agreedNanos() - start), death.flaps(), death.master(), ms(back.agreedNanos() - restartStart),
                    back.flaps());

            String current = back.master();
            start = System.nanoTime();
            kill9(members.get(current));
            death = awaitStable(all.stream().filter(n -> !n.equals(current)).toList());
            masterDeath.add(ms(death.agreedNanos() - start));
            back = restart(members.get(current), all);
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

    private long restartStart;

    /** Starts {@code m} again; until all members agree again, stably (JVM start-up included; from {@link #restartStart}). */
    private Stable restart(Member m, List<String> all) throws Exception {
        restartStart = System.nanoTime();
        launch(m);
        m.process.awaitStarted(Duration.ofSeconds(timeoutSeconds));
        return awaitStable(all);
    }

    /** An agreement that held for {@code --stable}: its master, when it began, and how many earlier ones broke. */
    private record Stable(String master, long agreedNanos, int flaps) {
    }

    /**
     * Waits until {@code names} agree (as {@link #awaitCluster}) and keep agreeing, on the same master,
     * for {@code --stable} ms; an agreement that breaks sooner counts as a flap and the wait goes on.
     */
    private Stable awaitStable(List<String> names) throws InterruptedException {
        int flaps = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            String master = awaitCluster(names);
            long agreed = System.nanoTime();
            boolean held = true;
            while (System.nanoTime() - agreed < Duration.ofMillis(stableMillis).toNanos()) {
                Thread.sleep(pollMillis);
                if (!master.equals(agreement(names))) {
                    held = false;
                    break;
                }
            }
            if (held) {
                return new Stable(master, agreed, flaps);
            }
            flaps++;
            System.out.printf(Locale.ROOT, "(agreement on master %s among %s broke within %d ms: %s)%n", master, names,
                    stableMillis, flapDetail(names));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stable agreement among " + names + " within " + timeoutSeconds + " s");
            }
        }
    }

    /** What each member showed when an agreement broke: role, master, units assigned, members; the assignment counters. */
    private String flapDetail(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            String view = cluster(members.get(n));
            out.append(n).append(" ").append(role(view)).append(" of ").append(masterOf(view))
                    .append(", units ").append(unitsAssigned(view)).append(", members ").append(memberNames(view));
            try {
                Matcher c = Pattern.compile("\"(cluster\\.(?:assign|member|master)\\.[a-z_.]+)\"\\s*:\\s*(\\d+)")
                        .matcher(request(members.get(n).process.socket(), "status --json"));
                out.append(" [");
                while (c.find()) {
                    if (!c.group(2).equals("0")) {
                        out.append(c.group(1).substring("cluster.".length())).append('=').append(c.group(2)).append(' ');
                    }
                }
                out.append("]");
            } catch (RuntimeException e) {
                out.append(" [").append(e.getMessage()).append("]");
            }
            out.append("; ");
        }
        return out.toString();
    }

    /** The master {@code names} agree on (one master, all of them listed, all units assigned), or null. */
    private String agreement(List<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        String master = null;
        for (String n : names) {
            String view = cluster(members.get(n));
            String m = masterOf(view);
            if (view.isEmpty() || !memberNames(view).equals(sorted) || !String.valueOf(UNITS).equals(unitsAssigned(view))
                    || m == null || (master != null && !master.equals(m))) {
                return null;
            }
            master = m;
        }
        return master;
    }

    /** Polls until {@code names} are one cluster; returns the master's name. */
    private String awaitCluster(List<String> names) throws InterruptedException {
        List<String> sorted = names.stream().sorted().toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        String last = "";
        while (true) {
            String master = null;
            boolean agreed = true;
            for (String n : names) {
                String view = cluster(members.get(n));
                last = n + ": " + view;
                String m = masterOf(view);
                if (view.isEmpty() || !memberNames(view).equals(sorted) || !String.valueOf(UNITS).equals(unitsAssigned(view))
                        || m == null || (master != null && !master.equals(m))) {
                    agreed = false;
                    break;
                }
                master = m;
            }
            if (agreed) {
                return master;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no agreement among " + names + " within " + timeoutSeconds + " s; last view "
                        + last + "\n" + diagnostics(names));
            }
            for (String n : names) {
                ServerProcess p = members.get(n).process;
                if (p == null || !p.isAlive()) {
                    throw new IllegalStateException("member " + n + " is not running; log:\n" + (p == null ? "" : tail(p.log())));
                }
            }
            Thread.sleep(pollMillis);
        }
    }

    /** Every member's view and its cluster counters, for a failure message. */
    private String diagnostics(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            Member m = members.get(n);
            out.append(n).append(" view: ").append(cluster(m).strip()).append('\n');
            try {
                Matcher c = Pattern.compile("\"(cluster\\.[a-z_.]+)\"\\s*:\\s*(\\d+)").matcher(request(m.process.socket(),
                        "status --json"));
                out.append(n).append(" counters:");
                while (c.find()) {
                    out.append(' ').append(c.group(1)).append('=').append(c.group(2));
                }
                out.append('\n');
            } catch (RuntimeException e) {
                out.append(n).append(" status: ").append(e).append('\n');
            }
        }
        return out.toString();
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

    private Sample sample(Member m) {
        String status = request(m.process.socket(), "status --json");
        long[] link = interfaceBytes(m.ns);
        return new Sample(m.process.cpuSeconds(), counter(status, "cluster.transport.tx.octets"),
                counter(status, "cluster.transport.rx.octets"), counter(status, "cluster.transport.tx.datagrams"),
                counter(status, "cluster.transport.rx.datagrams"), link[0], link[1]);
    }

    /** tx and rx bytes of the cluster interface inside {@code ns}. */
    private static long[] interfaceBytes(Netns ns) {
        return ns.runInside(() -> {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/dev"))) {
                String t = line.trim();
                if (t.startsWith(INTERFACE + ":")) {
                    String[] f = t.substring(INTERFACE.length() + 1).trim().split("\\s+");
                    return new long[] {Long.parseLong(f[8]), Long.parseLong(f[0])};
                }
            }
            throw new IllegalStateException(INTERFACE + " missing in " + ns);
        });
    }

    private static long counter(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no counter " + name + " in status: " + json.substring(0, Math.min(400, json.length())));
        }
        return Long.parseLong(m.group(1));
    }

    private String cluster(Member m) {
        if (m.process == null) {
            return "";
        }
        try {
            return request(m.process.socket(), "cluster --json");
        } catch (RuntimeException notYet) {
            return "";
        }
    }

    // The members' views, read as the control API's ClusterDocument (one reading for the demo, the tests and this).

    private static Optional<ClusterDocument> document(String view) {
        return view.isEmpty() ? Optional.empty() : Optional.of(ControlJson.read(view, ClusterDocument.class));
    }

    private static String masterOf(String view) {
        return document(view).flatMap(ClusterDocument::master).orElse(null);
    }

    private static String unitsAssigned(String view) {
        return document(view).map(v -> Integer.toString(v.unitsAssigned())).orElse("");
    }

    private static List<String> memberNames(String view) {
        return document(view).map(v -> v.memberNames().stream().sorted().toList()).orElse(List.of());
    }

    private static String role(String view) {
        return document(view).map(ClusterDocument::role).orElse("?");
    }

    /** One control-socket request ({@code cohort status}'s client). */
    static String request(Path socket, String command) {
        try {
            return ControlClient.request(socket, command, Duration.ofSeconds(5));
        } catch (ControlClient.ControlClientException e) {
            throw new UncheckedIOException(new IOException(command + " on " + socket + ": " + e.getMessage()));
        }
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

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Counts and shows the first WARN/ERROR lines of every member's logs (all its starts). */
    private void logProblems() {
        for (Member m : members.values()) {
            try (var files = Files.list(m.home)) {
                List<String> problems = new ArrayList<>();
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("server-")).sorted().toList()) {
                    Files.readAllLines(f).stream().filter(l -> LOG_PROBLEM.matcher(l).find())
                            .forEach(l -> problems.add(f.getFileName() + ": " + l));
                }
                System.out.printf("log %s: %d WARN/ERROR lines%n", m.name, problems.size());
                problems.stream().limit(8).forEach(l -> System.out.println("    " + l));
            } catch (IOException e) {
                System.out.println("log " + m.name + ": unreadable: " + e.getMessage());
            }
        }
    }

    /** 0 if none of our namespaces and no cluster interface is left on the host, else 1 (with what is left). */
    private static int checkClean(List<String> namespaceNames) {
        String netns = run("ip", "netns", "list");
        String links = run("ip", "-o", "link");
        List<String> left = new ArrayList<>();
        namespaceNames.stream().filter(netns::contains).forEach(n -> left.add("namespace " + n));
        links.lines().filter(l -> l.matches("\\d+: (" + INTERFACE + "|" + BRIDGE + "|p\\d+|cohort0)[:@].*"))
                .forEach(l -> left.add("link " + l));
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

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
