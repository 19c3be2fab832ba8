package io.cohort.systemtests;

import io.cohort.server.localcluster.ClusterSnapshot;
import io.cohort.server.localcluster.CohortCommandLine;
import io.cohort.server.localcluster.LocalClusterSettings;
import io.cohort.server.localcluster.Steering;
import io.cohort.testbed.Privileges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
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

    static LocalClusterSettings settings(int members, Steering steering) {
        return LocalClusterSettings.of(members, steering, CohortCommandLine.ofJar(CohortProcess.JAVA, CohortProcess.jar()))
                .withFiles(Path.of("target", "lc").toAbsolutePath(), true);
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
}
