package io.cohort.cluster.keepalive;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;

/**
 * The master's estimate of one member's keepalive loss probability P (patent, "Failover
 * Handling", figure 8B step 835): for each keepalive, S = seq − last_seq − 1 keepalives were
 * lost since the previous one, and P ← P·127/128 + S/128.
 *
 * <p>Sequence numbers are 32-bit and wrap; they are compared with serial-number arithmetic
 * (RFC 1982, SERIAL_BITS = 32), so 0 follows 0xFFFFFFFF. What the patent leaves open:
 *
 * <ul>
 *   <li>A duplicate (seq = last) or a late keepalive (seq before last, overtaken by a later one)
 *       does not change P or last: the late one was already counted as lost when the later one
 *       arrived, which errs towards a larger P, the safe side.
 *   <li>P is kept at most 1: a gap of S ≥ 2 could otherwise push it above (a gap that long means
 *       the watchdog very nearly expired anyway).
 *   <li>The estimate is not exactly the loss rate p: with independent loss, S averages p/(1 − p)
 *       per received keepalive, so P settles near p/(1 − p), slightly above p (0.0526 for
 *       p = 0.05). Again the safe side.
 * </ul>
 *
 * <p>Counters: {@code cluster.keepalive.lost} (sum of S), {@code cluster.keepalive.duplicate},
 * {@code cluster.keepalive.late}. Not thread-safe.
 */
public final class LossEstimator {
    /** What one keepalive's sequence number meant. */
    public enum Outcome {
        /** The first keepalive seen from the member. */
        FIRST,
        /** The next sequence number or a later one: P was updated. */
        ACCEPTED,
        /** The same sequence number as the last one: ignored. */
        DUPLICATE,
        /** A sequence number before the last one: ignored. */
        LATE
    }

    private final KeepalivePolicy policy;
    private final Counter lost;
    private final Counter duplicate;
    private final Counter late;
    private double p;
    private boolean started;
    private int last;

    public LossEstimator(KeepalivePolicy policy, Counters counters) {
        this.policy = policy;
        this.lost = counters.counter("cluster.keepalive.lost");
        this.duplicate = counters.counter("cluster.keepalive.duplicate");
        this.late = counters.counter("cluster.keepalive.late");
        this.p = policy.initialLoss();
    }

    /** Takes in a keepalive's sequence number (an unsigned 32-bit value). */
    public Outcome observe(int sequence) {
        if (!started) {
            started = true;
            last = sequence;
            return Outcome.FIRST;
        }
        int ahead = sequence - last; // RFC 1982: positive means sequence is after last
        if (ahead == 0) {
            duplicate.increment();
            return Outcome.DUPLICATE;
        }
        if (ahead < 0) {
            late.increment();
            return Outcome.LATE;
        }
        int s = ahead - 1;
        lost.add(s);
        double weight = policy.smoothing();
        p = Math.min(1, p * (weight - 1) / weight + s / weight);
        last = sequence;
        return Outcome.ACCEPTED;
    }

    /** The current loss probability estimate P. */
    public double probability() {
        return p;
    }
}
