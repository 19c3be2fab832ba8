package io.cohort.cluster.sim;

import java.time.Duration;

/**
 * How a {@link SimNetwork} treats each datagram, independently: lost with probability
 * {@code loss}; otherwise delivered after {@code delay} plus up to {@code jitter}; with
 * probability {@code reorder} held back by up to {@code reorderDelay} more (so later datagrams
 * overtake it); and with probability {@code duplication} delivered a second time, with its own
 * delay.
 */
public record LinkConditions(
        double loss, Duration delay, Duration jitter, double duplication, double reorder, Duration reorderDelay) {

    /** A clean LAN: 0.5 ms plus up to 1 ms, nothing lost, duplicated or reordered. */
    public static final LinkConditions CLEAN =
            new LinkConditions(0, Duration.ofNanos(500_000), Duration.ofMillis(1), 0, 0, Duration.ofMillis(5));

    public LinkConditions {
        for (double p : new double[] {loss, duplication, reorder}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability outside [0, 1]: " + p);
            }
        }
        if (delay.isNegative() || jitter.isNegative() || reorderDelay.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
    }

    public LinkConditions withLoss(double p) {
        return new LinkConditions(p, delay, jitter, duplication, reorder, reorderDelay);
    }

    public LinkConditions withDuplication(double p) {
        return new LinkConditions(loss, delay, jitter, p, reorder, reorderDelay);
    }

    public LinkConditions withReorder(double p, Duration extra) {
        return new LinkConditions(loss, delay, jitter, duplication, p, extra);
    }

    @Override
    public String toString() {
        return String.format("loss %.1f%%, dup %.1f%%, reorder %.1f%% (+%d ms)", loss * 100, duplication * 100,
                reorder * 100, reorderDelay.toMillis());
    }
}
