package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.server.control.api.ClusterDocument;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DrainWait} on a virtual clock that each pause advances. */
class DrainWaitTest {
    private long now;
    private int pauses;
    private final DrainWait wait = new DrainWait(() -> now, d -> {
        pauses++;
        now += d.toNanos();
    });

    /** Member b's view: {@code assigned} units in the master's table, {@code served} still held by its protocol. */
    private static ClusterDocument b(int assigned, int served, boolean draining) {
        return new ClusterDocument(true, "b", "member", Optional.of("a"), 1, 6, 28_571, 1024,
                List.of(new ClusterDocument.Member("b", "10.0.0.2:7400", assigned,
                        assigned == 0 ? List.of() : List.of(new UnitRange(0, assigned - 1)), Optional.empty())),
                List.of(new ClusterDocument.Registration("l2tp", served), new ClusterDocument.Registration("pptp", 0)),
                Optional.empty(), draining ? List.of("b") : List.of());
    }

    private static DrainWait.Views sequence(ClusterDocument... views) {
        Deque<ClusterDocument> left = new ArrayDeque<>(List.of(views));
        return () -> left.size() > 1 ? left.poll() : left.peek();
    }

    @Test
    void aUnitStillServedCountsUntilItsProtocolLetsGo() throws Exception {
        DrainWait.Outcome o = wait.await(sequence(b(5, 5, true), b(0, 2, true), b(0, 0, true)), Duration.ofMinutes(1));

        assertThat(o).isEqualTo(new DrainWait.Outcome(DrainWait.End.DRAINED, DrainWait.POLL.multipliedBy(2), 0));
        assertThat(pauses).isEqualTo(2);
    }

    @Test
    void aMemberHoldingNothingIsDrainedAtOnce() throws Exception {
        assertThat(wait.await(sequence(b(0, 0, true)), Duration.ZERO).end()).isEqualTo(DrainWait.End.DRAINED);
        assertThat(pauses).isZero();
    }

    @Test
    void aDrainEndedMeanwhileStopsTheWait() throws Exception {
        DrainWait.Outcome o = wait.await(sequence(b(5, 5, true), b(4, 4, false)), Duration.ofMinutes(1));

        assertThat(o.end()).isEqualTo(DrainWait.End.CANCELLED);
        assertThat(o.unitsHeld()).isEqualTo(4);
    }

    @Test
    void theTimeoutEndsTheWaitWithWhatIsStillHeld() throws Exception {
        DrainWait.Outcome o = wait.await(sequence(b(7, 7, true)), Duration.ofSeconds(1));

        assertThat(o).isEqualTo(new DrainWait.Outcome(DrainWait.End.TIMED_OUT, Duration.ofSeconds(1), 7));
        assertThat(pauses).isEqualTo(5);
    }
}
