package io.cohort.cluster.keepalive;

import io.cohort.telemetry.Counters;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * One member sending keepalives to the master over a link that loses each one independently,
 * in virtual nanoseconds: the member sends every t / (n + 1); each keepalive that survives
 * arrives after 1 ms plus up to 2 ms of jitter (less than the shortest interval, so no
 * reordering); the master feeds its sequence number to a {@link LossEstimator} and checks and resets
 * its {@link Watchdog}; once per interval it updates its {@link AnnouncedTolerance}, whose n
 * reaches the member at once (in the product it rides on the next master keepalive).
 */
final class KeepaliveLink {
    static final long LATENCY = 1_000_000;
    static final long JITTER = 2_000_000;

    /**
     * @param falseDetections times the watchdog had expired when a keepalive from the live member
     *     arrived
     * @param keepalives keepalives sent
     * @param lastArrival when the last keepalive arrived
     * @param detection the first instant the watchdog is expired after the member stopped
     */
    record Run(long falseDetections, long keepalives, long lastArrival, long detection) {}

    private final KeepalivePolicy policy;
    private final double loss;
    private final SplittableRandom random;

    KeepaliveLink(KeepalivePolicy policy, double loss, long seed) {
        this.policy = policy;
        this.loss = loss;
        this.random = new SplittableRandom(seed);
    }

    /** Runs until the member stops sending at {@code stop}. */
    Run run(Duration stop) {
        AdaptiveInterval interval = new AdaptiveInterval(policy);
        AnnouncedTolerance tolerance = new AnnouncedTolerance(policy);
        LossEstimator estimator = new LossEstimator(policy, new Counters());
        Watchdog watchdog = new Watchdog(policy.watchdogTimeout(), 0);
        int n = tolerance.current();
        long falseDetections = 0;
        long lastArrival = 0;
        int seq = 0;
        for (long now = 0; now < stop.toNanos(); now += interval.keepaliveInterval(n).toNanos()) {
            if (random.nextDouble() >= loss) {
                long arrival = now + LATENCY + random.nextLong(JITTER);
                if (watchdog.expired(arrival)) {
                    falseDetections++;
                }
                watchdog.reset(arrival);
                lastArrival = arrival;
                estimator.observe(seq, arrival);
            }
            n = tolerance.update(estimator.probability());
            seq++;
        }
        return new Run(falseDetections, Integer.toUnsignedLong(seq), lastArrival, watchdog.deadline() + 1);
    }
}
