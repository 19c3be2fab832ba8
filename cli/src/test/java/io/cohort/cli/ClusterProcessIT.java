package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.cluster.pki.CaDirectory;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.api.ClusterDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster members as real {@code cohort run} processes (with an idle protocol runtime), each on
 * its own loopback address 127.0.0.N with the static-peers transport: they form a cluster, survive
 * kill -9 of a member and of the master, refuse a member of another CA and a revoked one, and a
 * member with a stale configuration fetches the master's, restarts on it and rejoins. Prints the
 * measured failover times (death to every unit owned by a live member) and holds them to bounds
 * drawn from the patent's timers.
 */
class ClusterProcessIT {
    private static final int PORT = 27_400;
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    /**
     * Bounds on what {@link #killAndAwait} measures: SIGKILL to every survivor agreeing, all units
     * owned, including the 20 ms polling and the control-socket round trips. Measured on 2 cores at
     * load 5-36 (other builds, another cluster of processes): 0.21-0.34 s for a member, 0.84-1.16 s
     * for the master, but 2.6 and 4.1 s in two rounds (the members' logs of the first show starved
     * members taken for dead, their keepalives late, and rejoining meanwhile).
     *
     * <p>A member's death costs the master's watchdog (200 ms after the member's last keepalive,
     * figure 8B step 837) and a round of assigns: each must stay under 2 s, ten watchdogs, which a
     * failover that waited for one of the 2 s timers (approval, rebalance) would not.
     *
     * <p>A master's death costs the members' watchdog (figure 8G step 899), the election (200 ms
     * join timeout and 100 ms offer silence, figure 6 steps 613-621), the joins, 200 ms of quiet
     * joins and the spread. Each must stay under 8 s, room for rejoins on a starved machine;
     * the median of the five-member rounds under 2.5 s, which a failover that leaves the dead
     * master's units to the 2 s rebalance period does not meet (it took 3.0-3.6 s when it did).
     */
    private static final Duration MEMBER_FAILOVER_BOUND = Duration.ofSeconds(2);
    private static final Duration MASTER_FAILOVER_BOUND = Duration.ofSeconds(8);
    private static final Duration MASTER_FAILOVER_MEDIAN_BOUND = Duration.ofMillis(2_500);

    @TempDir
    Path dir;
    private final Map<String, Member> members = new LinkedHashMap<>();

    /** One member process and its control socket. */
    private record Member(String name, int host, Process process, Path socket, Path log) {
        /** Its view of the cluster; empty while it does not answer. */
        Optional<ClusterDocument> cluster() {
            try {
                return Optional.of(ControlClient.cluster(socket, Duration.ofSeconds(5)));
            } catch (ControlClient.ControlClientException e) {
                return Optional.empty();
            }
        }

        /** Its counter {@code name}; 0 while it does not answer. */
        long counter(String name) {
            try {
                return ControlClient.status(socket, Duration.ofSeconds(5)).counter(name);
            } catch (ControlClient.ControlClientException e) {
                return 0;
            }
        }

        /** Its non-zero {@code cluster.*} counters, for the printed diagnostics; empty while it does not answer. */
        String clusterCounters() {
            try {
                return new java.util.TreeMap<>(ControlClient.status(socket, Duration.ofSeconds(5)).counters()).entrySet().stream()
                        .filter(e -> e.getKey().startsWith("cluster.") && e.getValue() != 0)
                        .map(e -> e.getKey().substring("cluster.".length()) + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
            } catch (ControlClient.ControlClientException e) {
                return "";
            }
        }

        /** The members it lists, sorted. */
        List<String> names() {
            return cluster().map(v -> v.memberNames().stream().sorted().toList()).orElse(List.of());
        }
    }

    @AfterEach
    void killAll() throws IOException {
        members.values().forEach(m -> System.out.printf("ClusterProcessIT %s counters: %s%n", m.name(), m.clusterCounters()));
        members.values().forEach(m -> m.process().destroyForcibly());
        Path keep = Path.of(System.getProperty("java.io.tmpdir"), "cluster-process-it-logs");
        Files.createDirectories(keep);
        try (var logs = Files.walk(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, keep.resolve(log.getParent().getFileName() + "-" + log.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void threeMembers_killMinus9_foreignAndRevokedRefused_staleConfigurationUpdated() throws Exception {
        CaDirectory ca = CaDirectory.init(dir.resolve("ca"), "cluster-ca", Instant.now(), Duration.ofDays(30), new SecureRandom());
        for (int i = 1; i <= 3; i++) {
            issue(ca, "m" + i, i);
        }
        issue(ca, "r", 6);
        ca.revokeMember("r", Instant.now());
        issue(ca, "s", 7);
        CaDirectory other = CaDirectory.init(dir.resolve("other"), "other-ca", Instant.now(), Duration.ofDays(30), new SecureRandom());
        issue(other, "x", 8);

        for (int i = 1; i <= 3; i++) {
            start("m" + i, i, dir.resolve("ca"), 2);
        }
        awaitCluster(List.of("m1", "m2", "m3"));
        start("r", 6, dir.resolve("ca"), 2);
        start("x", 8, dir.resolve("other"), 2);
        start("s", 7, dir.resolve("ca"), 1);

        Member master = awaitCluster(List.of("m1", "m2", "m3", "s"));
        Member s = members.get("s");
        assertThat(Files.readString(s.log())).contains("fetched from the cluster").contains("restarting on it");
        assertThat(s.cluster().map(ClusterDocument::configVersion)).contains(2L);
        converging("the master refused the revoked and the foreign member").until(
                () -> members.get(master.name()).counter("cluster.join.refused.revoked") > 0
                        && members.get(master.name()).counter("cluster.join.refused.untrusted_issuer") > 0);
        assertThat(master.names()).doesNotContain("r", "x");
        Path revokedLog = members.get("r").log();
        converging("the revoked member told why").until(
                () -> read(revokedLog).contains("refused our join: CREDENTIAL_REJECTED"));

        stop("r");
        stop("x");
        Member victim = members.values().stream().filter(m -> !m.name().equals(master.name())
                && !m.name().equals("s")).findFirst().orElseThrow();
        long memberFailover = killAndAwait(victim, List.of("m1", "m2", "m3", "s"));
        Member current = leader(List.of("m1", "m2", "m3", "s"));
        long masterFailover = killAndAwait(current, List.of("m1", "m2", "m3", "s"));
        System.out.printf("ClusterProcessIT 3+1 members: kill -9 member -> all units owned in %d ms; kill -9 master -> %d ms%n",
                memberFailover, masterFailover);
        assertThat(memberFailover).as("ms from kill -9 of a member to all units owned")
                .isLessThan(MEMBER_FAILOVER_BOUND.toMillis());
        assertThat(masterFailover).as("ms from kill -9 of the master to all units owned")
                .isLessThan(MASTER_FAILOVER_BOUND.toMillis());
    }

    @Test
    void fiveMembers_surviveRepeatedKillMinus9OfMembersAndMasters() throws Exception {
        CaDirectory ca = CaDirectory.init(dir.resolve("ca"), "cluster-ca", Instant.now(), Duration.ofDays(30), new SecureRandom());
        List<String> names = IntStream.rangeClosed(1, 5).mapToObj(i -> "m" + i).toList();
        for (int i = 1; i <= 5; i++) {
            issue(ca, "m" + i, i);
            start("m" + i, i, dir.resolve("ca"), 1);
        }
        awaitCluster(names);
        List<Long> memberTimes = new ArrayList<>();
        List<Long> masterTimes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Member master = leader(names);
            Member victim = members.values().stream().filter(m -> !m.name().equals(master.name())).toList().get(round);
            memberTimes.add(killAndAwait(victim, names));
            start(victim.name(), victim.host(), dir.resolve("ca"), 1);
            awaitCluster(names);
            Member current = leader(names);
            masterTimes.add(killAndAwait(current, names));
            start(current.name(), current.host(), dir.resolve("ca"), 1);
            awaitCluster(names);
        }
        Collections.sort(memberTimes);
        Collections.sort(masterTimes);
        System.out.printf("ClusterProcessIT 5 members: kill -9 member -> all units owned, ms %s (median %d); "
                + "kill -9 master -> %s (median %d)%n", memberTimes, memberTimes.get(1), masterTimes, masterTimes.get(1));
        assertThat(memberTimes).as("ms from kill -9 of a member to all units owned, each round")
                .allSatisfy(ms -> assertThat(ms).isLessThan(MEMBER_FAILOVER_BOUND.toMillis()));
        assertThat(masterTimes).as("ms from kill -9 of the master to all units owned, each round")
                .allSatisfy(ms -> assertThat(ms).isLessThan(MASTER_FAILOVER_BOUND.toMillis()));
        assertThat(masterTimes.get(1)).as("median ms from kill -9 of the master to all units owned")
                .isLessThan(MASTER_FAILOVER_MEDIAN_BOUND.toMillis());
    }

    // Scenario steps.

    /** Kills {@code victim} with SIGKILL; the time until the others agree and own all 1024 units. */
    private long killAndAwait(Member victim, List<String> all) throws Exception {
        String loads = members.get(leader(all).name()).cluster()
                .map(v -> v.members().stream().map(m -> m.name() + "=" + m.units()).collect(Collectors.joining(" ")))
                .orElse("?");
        System.out.printf("ClusterProcessIT killing %s; master %s's loads before: %s%n", victim.name(), leader(all).name(), loads);
        long start = System.nanoTime();
        victim.process().destroyForcibly();
        victim.process().waitFor();
        members.remove(victim.name());
        List<String> rest = all.stream().filter(members::containsKey).toList();
        converging("the others list " + rest).until(() -> rest.stream().allMatch(n -> members.get(n).names().equals(rest)));
        long agreed = (System.nanoTime() - start) / 1_000_000;
        awaitCluster(rest);
        long owned = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("ClusterProcessIT killed %s at %s: members agree after %d ms, all units owned after %d ms%n",
                victim.name(), Instant.now(), agreed, owned);
        rest.forEach(n -> System.out.printf("ClusterProcessIT   %s: %s%n", n, members.get(n).clusterCounters()));
        return owned;
    }

    /** Waits until {@code names} are one cluster: one master, every one listing all of them, all units assigned. */
    private Member awaitCluster(List<String> names) {
        AtomicReference<String> agreed = new AtomicReference<>();
        converging("one cluster of " + names).until(() -> {
            String master = null;
            for (String n : names) {
                Optional<ClusterDocument> view = members.get(n).cluster();
                if (view.isEmpty() || !view.get().memberNames().stream().sorted().toList().equals(names.stream().sorted().toList())
                        || view.get().unitsAssigned() != WorkUnit.COUNT) {
                    return false;
                }
                String m = view.get().master().orElse(null);
                if (m == null || master != null && !master.equals(m)) {
                    return false;
                }
                master = m;
            }
            agreed.set(master);
            return true;
        });
        // The master they agreed on, not one asked for again: a member may be between masters by now.
        return members.get(agreed.get());
    }

    private Member leader(List<String> names) {
        String master = members.get(names.stream().filter(members::containsKey).findFirst().orElseThrow()).cluster()
                .flatMap(ClusterDocument::master).orElseThrow();
        return members.get(master);
    }

    /** Polls every 20 ms from the start (the failover figures include up to that much), for at most CONVERGE. */
    private static ConditionFactory converging(String what) {
        return await(what).atMost(CONVERGE).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    // Processes and files.

    private void issue(CaDirectory ca, String name, int host) throws IOException {
        ca.issue(name, ip(host), Instant.now(), Duration.ofDays(30), new SecureRandom());
    }

    private void start(String name, int host, Path pki, long configVersion) throws IOException {
        Path home = Files.createDirectories(dir.resolve("members").resolve(name));
        Path socket = home.resolve("control.sock");
        Path config = home.resolve("cohort.ini");
        String peers = IntStream.rangeClosed(1, 9).mapToObj(i -> "127.0.0." + i + ":" + PORT).collect(Collectors.joining(", "));
        Files.writeString(config, """
                [server]
                hostname = %s
                [control]
                socket = %s
                [log]
                level = info
                [cluster]
                enabled = true
                name = %s
                address = 127.0.0.%d
                port = %d
                transport = static
                peers = %s
                pki-dir = %s
                config-version = %d
                state-dir = %s
                assign-all-units = true
                """.formatted(name, socket, name, host, PORT, peers, pki, configVersion, home.resolve("state")));
        Path log = home.resolve("cohort-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-D" + CliEnvironment.RUNTIME_PROPERTY + "=" + IdleRuntimeFactory.class.getName(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        members.put(name, new Member(name, host, process, socket, log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop(String name) throws InterruptedException {
        Member m = members.remove(name);
        m.process().destroy();
        m.process().waitFor();
    }

    private static InetAddress ip(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
