package io.cohort.cluster.keepalive;

import java.time.Duration;

/**
 * The constants of failure detection ("Failover Handling" in the patent), validated once.
 *
 * @param watchdogTimeout the patent's watchdog "t": a member (or the master) is declared dead
 *     when nothing was heard from it for longer than this; the patent's example is 200 ms
 *     (figure 6). Fixed: loss changes how often keepalives are sent, not how fast death is seen
 * @param horizon the patent's K: n is chosen so that n·Pⁿ &lt; 1/K, i.e. about one false
 *     detection per K watchdog intervals (see {@link AdaptiveInterval}); the patent sets 3600
 * @param minLosses the smallest n, the patent's 2
 * @param maxLosses the largest n, the patent's 20
 * @param smoothing the weight divisor of the loss average, the patent's 128 (P ← P·127/128 +
 *     S/128)
 * @param initialLoss P before any keepalive was seen. Not in the patent; Cohort starts at 5 %
 *     rather than 0 so that a member joining a lossy network is not watched with n = 2 while the
 *     average (which needs a few hundred keepalives to settle) catches up. On a clean network P
 *     is below the n = 2 threshold (1.2 %) after 184 keepalives and n falls as
 *     {@code lowerAfter} allows
 * @param lowerAfter how many consecutive keepalive intervals a smaller n must suffice before the
 *     announced n is lowered by one ({@link AnnouncedTolerance}); 0 announces the patent's n as
 *     computed each time. Not in the patent; the default 512 (4 × smoothing) keeps the noise of
 *     the loss average from lowering n for a few seconds at a time
 */
public record KeepalivePolicy(
        Duration watchdogTimeout,
        double horizon,
        int minLosses,
        int maxLosses,
        int smoothing,
        double initialLoss,
        int lowerAfter) {

    /**
     * The patent's values: t = 200 ms, K = 3600, n in [2, 20], 1/128 smoothing; and Cohort's: P
     * starts at 5 %, n is lowered after 512 intervals.
     */
    public static final KeepalivePolicy DEFAULT =
            new KeepalivePolicy(Duration.ofMillis(200), 3600, 2, 20, 128, 0.05, 512);

    public KeepalivePolicy {
        if (watchdogTimeout.isNegative() || watchdogTimeout.isZero()) {
            throw new IllegalArgumentException("watchdog timeout must be positive: " + watchdogTimeout);
        }
        if (!(horizon > 1) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon K must be a finite number above 1: " + horizon);
        }
        if (minLosses < 1 || maxLosses < minLosses) {
            throw new IllegalArgumentException(
                    "loss tolerance range [" + minLosses + ", " + maxLosses + "] must satisfy 1 <= min <= max");
        }
        if (watchdogTimeout.dividedBy(maxLosses + 1).isZero()) {
            throw new IllegalArgumentException("watchdog timeout " + watchdogTimeout + " is too short for n = " + maxLosses);
        }
        if (smoothing < 2) {
            throw new IllegalArgumentException("smoothing divisor must be at least 2: " + smoothing);
        }
        if (!(initialLoss >= 0 && initialLoss <= 1)) {
            throw new IllegalArgumentException("initial loss must be a probability: " + initialLoss);
        }
        if (lowerAfter < 0) {
            throw new IllegalArgumentException("lowerAfter must not be negative: " + lowerAfter);
        }
    }

    /** This policy with another K, e.g. to aim at a mean time between false detections. */
    public KeepalivePolicy withHorizon(double k) {
        return new KeepalivePolicy(watchdogTimeout, k, minLosses, maxLosses, smoothing, initialLoss, lowerAfter);
    }

    /** This policy with another {@code lowerAfter}; 0 is the patent's behaviour. */
    public KeepalivePolicy withLowerAfter(int intervals) {
        return new KeepalivePolicy(watchdogTimeout, horizon, minLosses, maxLosses, smoothing, initialLoss, intervals);
    }

    /**
     * The K that allows about one false detection per {@code meanTimeBetweenFalseDetections}:
     * that time in watchdog intervals. One week with a 200 ms watchdog is K = 3,024,000.
     */
    public double horizonFor(Duration meanTimeBetweenFalseDetections) {
        return (double) meanTimeBetweenFalseDetections.toNanos() / watchdogTimeout.toNanos();
    }
}
