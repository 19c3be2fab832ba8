package io.cohort.systemtests;

import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalClusterException;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.lab.localcluster.MemberOptions;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.steering.SteeringMode;
import io.cohort.testbed.Privileges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Local clusters of the packaged server for the cluster system tests: members started from the
 * server jar, their files (configurations, logs) kept under {@code target/lc} for a
 * failing test to be read.
 */
final class LocalClusters {
    private static final Duration POLL = Duration.ofMillis(200);

    private LocalClusters() {
    }

    /** Skips the test without root, ip netns, JDK 25 or the server jar. */
    static void assumeRunnable() {
        Privileges.assumeNetworkAdmin();
        Tools.assumeServerJar();
    }

    /** The names of the steering modes, each sharing the cluster IP. */
    static List<String> steeringModes() {
        return SteeringMode.ALL.stream().map(SteeringMode::configName).toList();
    }

    /** {@value SteeringMode#NONE_NAME} (the members' own addresses, the baseline) and every steering mode. */
    static List<String> everyMode() {
        return Stream.concat(Stream.of(SteeringMode.NONE_NAME), steeringModes().stream()).toList();
    }

    /** The modes of {@code -Dcohort.it.steering=a,b}, or {@code defaults} without it. */
    static List<String> chosenModes(String... defaults) {
        String chosen = System.getProperty("cohort.it.steering", "");
        return chosen.isBlank() ? List.of(defaults) : Arrays.stream(chosen.split(",")).map(String::strip).toList();
    }

    /**
     * {@code members} started from the packaged jar with {@code [steering] mode = steering}, files kept under target/lc;
     * the lab's 2 s watchdog for members sharing a host, or {@code -Dcohort.it.watchdog=default} (the server's own,
     * 200 ms: for a quiet machine) or {@code =MS} milliseconds.
     */
    static LocalClusterSettings settings(int members, String steering) {
        LocalClusterSettings settings = LocalClusterSettings.of(members, SteeringMode.parse(steering),
                        CohortCommandLine.ofJar(CohortProcess.JAVA, CohortProcess.jar()))
                .withFiles(Path.of("target", "lc").toAbsolutePath(), true);
        String watchdog = System.getProperty("cohort.it.watchdog", "").strip();
        if (watchdog.isEmpty()) {
            return settings;
        }
        MemberOptions options = settings.memberOptions();
        return settings.withMemberOptions(watchdog.equals("default") ? options.withDefaultWatchdog()
                : new MemberOptions(options.transport(), java.util.Optional.of(Duration.ofMillis(Long.parseLong(watchdog))),
                        options.pptp()));
    }

    /**
     * Starts the cluster of {@code settings}, once more if it did not form: on a host whose cores
     * other clusters and builds share, the members now and then keep electing themselves for
     * longer than the formation timeout.
     */
    static LocalCluster start(LocalClusterSettings settings) throws InterruptedException {
        try {
            return LocalCluster.start(settings);
        } catch (LocalClusterException e) {
            System.out.println("the local cluster did not form; starting it once more: "
                    + e.getMessage().strip().lines().findFirst().orElse(""));
            return LocalCluster.start(settings);
        }
    }

    /** Polls {@code snapshots} until {@code condition} holds; fails with the cluster as it is after {@code timeout}. */
    static ClusterSnapshot await(String what, Supplier<ClusterSnapshot> snapshots, Predicate<ClusterSnapshot> condition,
            Duration timeout) {
        try {
            return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(snapshots::get, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + "; the cluster:\n" + snapshots.get().render(),
                    e);
        }
    }

    /** Sessions (L2TP and PPTP) up on {@code member}. */
    static long sessionsUp(ClusterSnapshot snapshot, String member) {
        return snapshot.sessionsUp(member, "l2tp") + snapshot.sessionsUp(member, "pptp");
    }

    /** The busiest member but the master: the one serving the most sessions. */
    static String busiestNonMaster(ClusterSnapshot snapshot) {
        String master = snapshot.formedMaster().orElseThrow(() -> new AssertionError("no formed cluster:\n"
                + snapshot.render()));
        return snapshot.names().stream().filter(n -> !n.equals(master))
                .max(java.util.Comparator.comparingLong(n -> sessionsUp(snapshot, n))).orElseThrow();
    }

    /** Waits until {@code member} published state and every one of its {@code peers} peers is caught up. */
    static void awaitReplicated(LocalCluster cluster, String member, int peers, Duration timeout) {
        awaitReplication(member + "'s state sent to its " + peers + " peers", cluster, member,
                r -> r.ownKeys() > 0 && r.peers().size() == peers && r.caughtUp(), timeout);
    }

    /**
     * Waits until every one of {@code member}'s {@code peers} peers is connected and caught up,
     * whether or not it publishes anything (a member that serves no session publishes nothing).
     */
    static void awaitCaughtUp(LocalCluster cluster, String member, int peers, Duration timeout) {
        awaitReplication(member + "'s " + peers + " peers connected and caught up", cluster, member,
                r -> r.peers().size() == peers && r.caughtUp(), timeout);
    }

    private static void awaitReplication(String what, LocalCluster cluster, String member,
                                         Predicate<ClusterDocument.Replication> condition, Duration timeout) {
        await(what, cluster::snapshot, s -> s.member(member).flatMap(ClusterSnapshot.Member::view)
                .flatMap(ClusterDocument::replication).filter(condition).isPresent(), timeout);
    }
}
