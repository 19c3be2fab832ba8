package io.cohort.cluster.keepalive;

/**
 * The n the master puts in its keepalives (figure 8C), from the worst member's loss estimate.
 * The patent recomputes n from P every time; Cohort raises n at once but lowers it by one only
 * after the smaller value has sufficed for {@link KeepalivePolicy#lowerAfter} consecutive
 * intervals.
 *
 * <p>Why: P is an average over about 128 keepalives (1/128 smoothing), which at 5 % loss is half
 * a dozen loss events, so it wanders by about a quarter of its value. When n is recomputed every
 * time, each dip below a threshold lowers n for a few seconds, and those few seconds dominate the
 * false detections: in simulation at 5 % loss (K = 3600, t = 200 ms) about 1.9 false detections
 * per hour with the patent's rule, 0.3 per hour with n held (the rate of a steady n = 4).
 *
 * <p>Call {@link #update} once per master keepalive interval with the largest P among the
 * members. Not thread-safe.
 */
public final class AnnouncedTolerance {
    private final AdaptiveInterval interval;
    private final int lowerAfter;
    private int n;
    private int sufficed;

    public AnnouncedTolerance(KeepalivePolicy policy) {
        this.interval = new AdaptiveInterval(policy);
        this.lowerAfter = policy.lowerAfter();
        this.n = interval.lossTolerance(policy.initialLoss());
    }

    /** Takes in the current worst loss estimate; returns the n to announce. */
    public int update(double worstLoss) {
        int wanted = interval.lossTolerance(worstLoss);
        if (wanted >= n || lowerAfter == 0) {
            n = wanted;
            sufficed = 0;
        } else if (++sufficed >= lowerAfter) {
            n--;
            sufficed = 0;
        }
        return n;
    }

    /** The n announced now. */
    public int current() {
        return n;
    }
}
