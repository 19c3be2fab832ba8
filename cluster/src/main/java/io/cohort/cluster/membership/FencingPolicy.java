package io.cohort.cluster.membership;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import java.time.Duration;

/**
 * How a node's lease on its units ({@link io.cohort.cluster.keepalive.Lease}) relates to the
 * watchdog t, as fractions of t so that they scale with it. See the README, "Fencing", for the
 * arithmetic.
 *
 * <ul>
 *   <li>{@code lease}: a member's lease runs this long after the last master keepalive that listed
 *       it; a master's, after the last keepalive it sent. Below 1: a master's lease then ends
 *       before its members' watchdogs expire, so no new master can give its units away while it
 *       still serves them. Above t / (n + 1) for the smallest n, so that keepalives renew it
 *       before it runs out.
 *   <li>{@code margin}: the master moves a silent member's units lease + margin after it stopped
 *       listing it (its watchdog on the member expired). Covers the delivery of the last keepalive
 *       that listed it and, when the member's loop was late, one keepalive interval plus the loop
 *       tolerance during which a datagram may still renew the lease.
 *   <li>{@code loopTolerance}: how late a node's periodic timer may run before the node considers
 *       its thread descheduled and refuses to renew its lease from what it reads
 *       ({@link io.cohort.cluster.keepalive.LoopLiveness}).
 * </ul>
 */
public record FencingPolicy(double lease, double margin, double loopTolerance) {
    /**
     * Lease 3/4 t, margin 2/5 t, loop tolerance t/20: with t = 200 ms, 150, 80 and 10 ms. The
     * margin covers the longest keepalive interval (t/3 at n = 2) plus the loop tolerance with 3 ms
     * to spare for delivery on a LAN.
     */
    public static final FencingPolicy DEFAULT = new FencingPolicy(0.75, 0.4, 0.05);

    public FencingPolicy {
        if (!(lease > 0 && lease < 1)) {
            throw new IllegalArgumentException("the lease must be a fraction of the watchdog in (0, 1): " + lease);
        }
        if (!(loopTolerance > 0 && loopTolerance < 1)) {
            throw new IllegalArgumentException("the loop tolerance must be in (0, 1): " + loopTolerance);
        }
        if (!(margin >= 0 && margin <= 10)) {
            throw new IllegalArgumentException("the margin must be in [0, 10]: " + margin);
        }
    }

    /**
     * Checks the lease against the keepalive policy: keepalives must renew it in time (any lease
     * above t/2 passes whatever n).
     */
    void check(KeepalivePolicy keepalive) {
        double longestInterval = 1.0 / (keepalive.minLosses() + 1);
        if (lease <= longestInterval) {
            throw new IllegalArgumentException("the lease (" + lease + " t) must exceed the longest keepalive interval ("
                    + longestInterval + " t)");
        }
    }

    public Duration lease(Duration watchdog) {
        return fraction(watchdog, lease);
    }

    /**
     * The margin for {@code keepalive}: at least the longest keepalive interval t / (n + 1) plus the
     * loop tolerance, whatever was configured (see {@code margin} above).
     */
    public Duration margin(KeepalivePolicy keepalive) {
        double floor = 1.0 / (keepalive.minLosses() + 1) + loopTolerance;
        return fraction(keepalive.watchdogTimeout(), Math.max(margin, floor));
    }

    public Duration loopTolerance(Duration watchdog) {
        return fraction(watchdog, loopTolerance);
    }

    /** How long after its watchdog on a member expired the master moves the member's units. */
    public Duration reassignmentDelay(KeepalivePolicy keepalive) {
        return lease(keepalive.watchdogTimeout()).plus(margin(keepalive));
    }

    private static Duration fraction(Duration d, double f) {
        return Duration.ofNanos(Math.round(d.toNanos() * f));
    }
}
