package io.cohort.cluster.keepalive;

import io.cohort.cluster.wire.ClusterCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The constants of failure detection ("Failover Handling" in the patent), validated once: this
 * record owns their ranges, and {@code [cluster]} in the configuration only reads them. An
 * invalid set throws {@link InvalidKeepalivePolicyException} naming every constant at fault.
 *
 * @param watchdogTimeout the patent's watchdog "t": a member (or the master) is declared dead
 *     when nothing was heard from it for longer than this; the patent's example is 200 ms
 *     (figure 6). Fixed: loss changes how often keepalives are sent, not how fast death is seen
 * @param horizon the patent's K: n is chosen so that n·Pⁿ &lt; 1/K, i.e. about one false
 *     detection per K watchdog intervals (see {@link AdaptiveInterval}); the patent sets 3600,
 *     Cohort's default is one week of intervals ({@link #DEFAULT})
 * @param minLosses the smallest n, the patent's 2
 * @param maxLosses the largest n, the patent's 20; at most 255, since the master announces n in
 *     one octet (figure 6's keepalive, {@link ClusterCodec#MAX_LOSS_TOLERANCE})
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

    /** The shortest watchdog t, a tenth of the patent's 200 ms. */
    public static final Duration MIN_WATCHDOG = Duration.ofMillis(20);
    /** The longest watchdog t: a dead master is noticed within it, so failover takes at least this long. */
    public static final Duration MAX_WATCHDOG = Duration.ofSeconds(10);
    /** The largest K: one false detection per 6,000 years of 200 ms intervals, beyond any real target. */
    public static final double MAX_HORIZON = 1e12;
    /** The shortest keepalive interval t / (maxLosses + 1): at most a thousand keepalives a second per member. */
    public static final Duration MIN_KEEPALIVE_INTERVAL = Duration.ofMillis(1);

    /**
     * The patent's values: t = 200 ms, K = 3600, n in [2, 20], 1/128 smoothing; and Cohort's: P
     * starts at 5 %, n is lowered after 512 intervals.
     */
    public static final KeepalivePolicy PATENT =
            new KeepalivePolicy(Duration.ofMillis(200), 3600, 2, 20, 128, 0.05, 512);

    /**
     * What a Cohort member runs with unless configured otherwise: the patent's values with K for
     * about one false detection per week ({@link #horizonFor}: K = 3,024,000 with t = 200 ms). The
     * patent's K = 3600 means one every 12 minutes per member at the loss that sets n.
     */
    public static final KeepalivePolicy DEFAULT = PATENT.withHorizon(PATENT.horizonFor(Duration.ofDays(7)));

    /** A constant of the policy, by its component name. */
    public enum Constant {
        WATCHDOG_TIMEOUT("watchdogTimeout"), HORIZON("horizon"), MIN_LOSSES("minLosses"),
        MAX_LOSSES("maxLosses"), SMOOTHING("smoothing"), INITIAL_LOSS("initialLoss"), LOWER_AFTER("lowerAfter");

        private final String componentName;

        Constant(String componentName) {
            this.componentName = componentName;
        }

        @Override
        public String toString() {
            return componentName;
        }
    }

    public KeepalivePolicy {
        Map<Constant, String> problems = new EnumMap<>(Constant.class);
        if (watchdogTimeout.compareTo(MIN_WATCHDOG) < 0 || watchdogTimeout.compareTo(MAX_WATCHDOG) > 0) {
            problems.put(Constant.WATCHDOG_TIMEOUT, format(watchdogTimeout) + " is out of range "
                    + format(MIN_WATCHDOG) + ".." + format(MAX_WATCHDOG));
        }
        if (!(horizon > 1 && horizon <= MAX_HORIZON)) {
            problems.put(Constant.HORIZON, plain(horizon) + " is out of range: more than 1, at most "
                    + plain(MAX_HORIZON));
        }
        if (minLosses < 1 || minLosses > ClusterCodec.MAX_LOSS_TOLERANCE) {
            problems.put(Constant.MIN_LOSSES, minLosses + " is out of range 1.." + ClusterCodec.MAX_LOSS_TOLERANCE);
        }
        if (maxLosses < 1 || maxLosses > ClusterCodec.MAX_LOSS_TOLERANCE) {
            problems.put(Constant.MAX_LOSSES, maxLosses + " is out of range 1.." + ClusterCodec.MAX_LOSS_TOLERANCE);
        } else if (!problems.containsKey(Constant.MIN_LOSSES) && maxLosses < minLosses) {
            problems.put(Constant.MAX_LOSSES, maxLosses + " is less than the smallest n (" + minLosses + ")");
        } else if (!problems.containsKey(Constant.WATCHDOG_TIMEOUT)
                && watchdogTimeout.dividedBy(maxLosses + 1).compareTo(MIN_KEEPALIVE_INTERVAL) < 0) {
            problems.put(Constant.MAX_LOSSES, maxLosses + " is too many for a watchdog of " + format(watchdogTimeout)
                    + ": watchdog / (n + 1) must be at least " + format(MIN_KEEPALIVE_INTERVAL) + ", so at most "
                    + (watchdogTimeout.dividedBy(MIN_KEEPALIVE_INTERVAL) - 1));
        }
        if (smoothing < 2) {
            problems.put(Constant.SMOOTHING, "the divisor must be at least 2: " + smoothing);
        }
        if (!(initialLoss >= 0 && initialLoss <= 1)) {
            problems.put(Constant.INITIAL_LOSS, "must be a probability: " + initialLoss);
        }
        if (lowerAfter < 0) {
            problems.put(Constant.LOWER_AFTER, "must not be negative: " + lowerAfter);
        }
        if (!problems.isEmpty()) {
            throw new InvalidKeepalivePolicyException(problems);
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

    /** {@code 200ms}, {@code 10s}, or nanoseconds for what is not a whole number of milliseconds. */
    private static String format(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toNanos() + "ns";
        }
        return d.toMillis() % 1000 == 0 && !d.isZero() ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String plain(double n) {
        return Double.isFinite(n) ? BigDecimal.valueOf(n).stripTrailingZeros().toPlainString() : Double.toString(n);
    }
}
