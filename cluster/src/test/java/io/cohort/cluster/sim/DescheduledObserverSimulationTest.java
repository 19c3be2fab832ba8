package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.membership.Role;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A false suspicion under load: the master's process is descheduled for 190 ms (less than the
 * watchdog t, more than the loop tolerance; members keep sending every t / (n + 1), about 30 ms)
 * and, when it runs again, its overdue watchdog timers on the members fire before it reads their
 * keepalives waiting in its socket. The keepalives
 * arrived late but arrived: no member is declared dead, no unit fenced.
 */
class DescheduledObserverSimulationTest {
    @Test
    void aMasterDescheduledBelowTheWatchdogDeclaresNoMemberDeadWhoseKeepalivesWaitInItsSocket() {
        long[] rechecked = {0};
        Seeds.run(40, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            SimCluster cluster = new SimCluster(4, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.startAll();
            cluster.advance(Duration.ofMillis(1_500 + random.nextInt(500)));
            int master = IntStream.range(0, 4)
                    .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == Role.MASTER)
                    .findFirst().orElseThrow();
            var counters = cluster.slots().get(master).counters();
            long lostBefore = counters.get("cluster.master.member_lost");

            cluster.pause(master);
            cluster.advance(Duration.ofMillis(190));
            cluster.resume(master, true);
            cluster.advance(Duration.ofMillis(500));

            assertThat(counters.get("cluster.master.member_lost")).as("seed %d", seed).isEqualTo(lostBefore);
            assertThat(counters.get("cluster.assign.fenced")).as("seed %d", seed).isZero();
            rechecked[0] += counters.get("cluster.master.watchdog_rechecked");
        });
        assertThat(rechecked[0]).as("watchdog timers that ran late and checked again").isPositive();
    }
}
