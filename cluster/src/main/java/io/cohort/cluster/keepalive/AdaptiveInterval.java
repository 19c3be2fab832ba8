package io.cohort.cluster.keepalive;

import java.time.Duration;

/**
 * The adaptive keepalive interval of the patent ("Failover Handling"): from the loss probability
 * P, the smallest integer n in [{@code minLosses}, {@code maxLosses}] with n·Pⁿ &lt; 1/K, found
 * "beginning the calculation with n=2 and increasing n by 1 iteratively"; {@code maxLosses} when
 * no n in range satisfies it (P above about 0.6 with the defaults).
 *
 * <p>How n is used. The patent defines n as "the number of lost packets per interval" and Pⁿ as
 * "the probability of losing n packets in an interval", and has members use n to decide "how
 * often they are to send" keepalives, while the watchdog interval t stays fixed (figure 6's
 * 200 ms). Cohort therefore sends n + 1 keepalives per watchdog interval, every t / (n + 1): after
 * a keepalive arrives, n more are sent strictly inside the watchdog interval, so
 *
 * <ul>
 *   <li>n − 1 consecutive losses are always survived, with one full keepalive interval of margin
 *       for delay variation;
 *   <li>n consecutive losses make the next keepalive race the deadline, and are counted as a
 *       (false) detection in the analysis: probability about Pⁿ per keepalive, so about
 *       (n + 1)·Pⁿ ≈ n·Pⁿ &lt; 1/K per watchdog interval, which is what the formula bounds;
 *   <li>a member that stops is declared dead at most t after its last keepalive arrived.
 * </ul>
 *
 * <p>K therefore counts watchdog intervals: K = 3600 with t = 200 ms allows about one false
 * detection per 12 minutes at the loss that sets n (in practice fewer, since n is the smallest
 * integer meeting the bound). The patent's remark that 3600 is "equivalent to a period of 1 week"
 * matches a much longer interval; use {@link KeepalivePolicy#horizonFor} to choose K from a mean
 * time between false detections.
 *
 * <p>The master, which sends one n to all members, uses the largest P among them and lowers n
 * only slowly ({@link AnnouncedTolerance}).
 */
public final class AdaptiveInterval {
    private final KeepalivePolicy policy;

    public AdaptiveInterval(KeepalivePolicy policy) {
        this.policy = policy;
    }

    /** n for loss probability {@code p}. */
    public int lossTolerance(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("loss probability must be in [0, 1]: " + p);
        }
        double bound = 1 / policy.horizon();
        for (int n = policy.minLosses(); n < policy.maxLosses(); n++) {
            if (n * Math.pow(p, n) < bound) {
                return n;
            }
        }
        return policy.maxLosses();
    }

    /** How often a member sends keepalives when told n: t / (n + 1). */
    public Duration keepaliveInterval(int n) {
        if (n < policy.minLosses() || n > policy.maxLosses()) {
            throw new IllegalArgumentException(
                    "n = " + n + " is outside [" + policy.minLosses() + ", " + policy.maxLosses() + "]");
        }
        return policy.watchdogTimeout().dividedBy(n + 1);
    }

    /** The watchdog deadline t, the same whatever n is. */
    public Duration watchdogTimeout() {
        return policy.watchdogTimeout();
    }
}
