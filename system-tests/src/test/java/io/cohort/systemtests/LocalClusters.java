package io.cohort.systemtests;

import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.lab.localcluster.Steering;
import io.cohort.testbed.Privileges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

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

    /** Polls {@code snapshots} until {@code condition} holds; fails with the last snapshot after {@code timeout}. */
    static ClusterSnapshot await(String what, Supplier<ClusterSnapshot> snapshots,
            java.util.function.Predicate<ClusterSnapshot> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterSnapshot s = snapshots.get();
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what + "; the cluster:\n" + s.render());
            }
            Thread.sleep(POLL);
        }
    }
}
