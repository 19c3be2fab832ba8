package io.cohort.cli;

import io.cohort.server.control.ControlClient.ControlClientException;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code cohort drain --wait}: asks the member for its view of the cluster every {@link #POLL}
 * until it holds no unit, its drain ends, or the timeout runs out. A unit counts as held while the
 * master's table gives it to the member or while one of its protocols still serves it: a unit
 * moved away live is let go only once its state reached the other members (patent, figure 7).
 */
final class DrainWait {
    static final Duration POLL = Duration.ofMillis(200);

    /** The member's view, asked anew. */
    @FunctionalInterface
    interface Views {
        ClusterDocument next() throws ControlClientException;
    }

    /** Waits between two questions. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How the wait ended. */
    enum End {
        /** The member holds no unit. */
        DRAINED,
        /** Its drain was ended ({@code cohort drain --cancel}) before. */
        CANCELLED,
        /** The timeout ran out first; the drain goes on. */
        TIMED_OUT
    }

    /**
     * @param end how it ended
     * @param took from the first question to the last
     * @param unitsHeld the units the member still held at the last one
     */
    record Outcome(End end, Duration took, int unitsHeld) {
    }

    private final Clock clock;
    private final Pause pause;

    DrainWait(Clock clock, Pause pause) {
        this.clock = Objects.requireNonNull(clock);
        this.pause = Objects.requireNonNull(pause);
    }

    /** The real clock and {@link Thread#sleep}. */
    static DrainWait system() {
        return new DrainWait(Clock.system(), Thread::sleep);
    }

    Outcome await(Views views, Duration timeout) throws ControlClientException, InterruptedException {
        long start = clock.nanos();
        while (true) {
            ClusterDocument v = views.next();
            int held = unitsHeld(v);
            Duration took = Duration.ofNanos(clock.nanos() - start);
            if (held == 0) {
                return new Outcome(End.DRAINED, took, 0);
            }
            if (!v.draining(v.self())) {
                return new Outcome(End.CANCELLED, took, held);
            }
            if (took.compareTo(timeout) >= 0) {
                return new Outcome(End.TIMED_OUT, took, held);
            }
            pause.sleep(POLL);
        }
    }

    /** The units the member holds: assigned to it by the master's table, or still served by a protocol. */
    static int unitsHeld(ClusterDocument v) {
        int assigned = v.member(v.self()).map(ClusterDocument.Member::units).orElse(0);
        int served = v.registered().stream().mapToInt(ClusterDocument.Registration::units).max().orElse(0);
        return Math.max(assigned, served);
    }
}
