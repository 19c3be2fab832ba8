package io.cohort.cluster.keepalive;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The master's estimate of one member's keepalive loss probability P (patent, "Failover
 * Handling", figure 8B step 835): for each keepalive, S = seq − last_seq − 1 keepalives were
 * lost since the previous one, and P ← P·127/128 + S/128. P chooses n ({@link AdaptiveInterval}).
 *
 * <p>Sequence numbers are 32-bit and wrap; they are compared with serial-number arithmetic
 * (RFC 1982, SERIAL_BITS = 32), so 0 follows 0xFFFFFFFF. What the patent leaves open:
 *
 * <ul>
 *   <li>A keepalive that arrives after a later one, within the watchdog t of the moment that
 *       later one showed it missing, was reordered, not lost: the S it added to P is taken back
 *       (its share of P now, (1/128)·(127/128)^k after k further keepalives). One later than that
 *       stays counted lost (it would not have saved the watchdog), and so does a duplicate (seq =
 *       last): neither changes P or last.
 *   <li>P is kept at most 1: a gap of S ≥ 2 could otherwise push it above (a gap that long means
 *       the watchdog very nearly expired anyway).
 *   <li>The estimate is not exactly the loss rate p: with independent loss, S averages p/(1 − p)
 *       per received keepalive, so P settles near p/(1 − p), slightly above p (0.0526 for
 *       p = 0.05). Again the safe side.
 * </ul>
 *
 * <p>P starts at {@link KeepalivePolicy#initialLoss()} (5 %), a deliberately pessimistic prior
 * that takes a few hundred keepalives to fade. What operators see is therefore not P but
 * {@link #measuredLoss()}: the share of the member's recent keepalives (weighted as P weighs
 * them, 127/128 per keepalive) that did not arrive, from its first keepalive on and without the
 * prior: 0 on a clean link, p at independent loss p.
 *
 * <p>Counters: {@code cluster.keepalive.lost} (keepalives still missing t after a later one
 * arrived; counted at the next keepalive after that), {@code cluster.keepalive.reordered}
 * (arrived within that time: not lost), {@code cluster.keepalive.late} (arrived after it, counted
 * lost), {@code cluster.keepalive.duplicate}. Not thread-safe.
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
        /** One counted missing when a later one arrived, within t of that: its loss is taken back. */
        REORDERED,
        /** A sequence number before the last one, too late to be taken back, or never missing: ignored. */
        LATE
    }

    /**
     * Missing keepalives remembered one by one, at most; a gap longer than this (its member was
     * silent for most of a watchdog interval at the shortest keepalive interval t / 21) counts
     * the ones beyond it lost at once.
     */
    static final int MAX_MISSING = 64;

    /** A keepalive found missing by update number {@code update} at {@code foundNanos}. */
    private record Missing(int sequence, long update, long foundNanos) {}

    private final KeepalivePolicy policy;
    private final double keep;
    private final long window;
    private final Counter lost;
    private final Counter reordered;
    private final Counter duplicate;
    private final Counter late;
    private final ArrayDeque<Missing> missing = new ArrayDeque<>();
    private double p;
    private double lostWeight;
    private double expectedWeight;
    private long updates;
    private boolean started;
    private int last;

    public LossEstimator(KeepalivePolicy policy, Counters counters) {
        this.policy = policy;
        this.keep = (policy.smoothing() - 1.0) / policy.smoothing();
        this.window = policy.watchdogTimeout().toNanos();
        this.lost = counters.counter("cluster.keepalive.lost");
        this.reordered = counters.counter("cluster.keepalive.reordered");
        this.duplicate = counters.counter("cluster.keepalive.duplicate");
        this.late = counters.counter("cluster.keepalive.late");
        this.p = policy.initialLoss();
    }

    /** Takes in a keepalive's sequence number (an unsigned 32-bit value) arriving at {@code nowNanos}. */
    public Outcome observe(int sequence, long nowNanos) {
        confirmFoundBefore(nowNanos - window);
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
            return takeBack(sequence) ? Outcome.REORDERED : Outcome.LATE;
        }
        int s = ahead - 1;
        updates++;
        p = Math.min(1, p * keep + (double) s / policy.smoothing());
        lostWeight = lostWeight * keep + s;
        expectedWeight = expectedWeight * keep + s + 1;
        int remembered = Math.min(s, MAX_MISSING);
        lost.add(s - remembered);
        for (int i = s - remembered + 1; i <= s; i++) {
            missing.add(new Missing(last + i, updates, nowNanos));
        }
        while (missing.size() > MAX_MISSING) {
            missing.poll();
            lost.increment();
        }
        last = sequence;
        return Outcome.ACCEPTED;
    }

    /** The current loss probability estimate P, from which n is chosen. */
    public double probability() {
        return p;
    }

    /**
     * The share of the member's recent keepalives that did not arrive (each weighted 127/128 of
     * the next, as in P), without P's initial prior; 0 before the second keepalive.
     */
    public double measuredLoss() {
        return expectedWeight == 0 ? 0 : lostWeight / expectedWeight;
    }

    /** Missing keepalives found before {@code limitNanos} are lost for good. */
    private void confirmFoundBefore(long limitNanos) {
        while (!missing.isEmpty() && missing.peek().foundNanos() - limitNanos < 0) {
            missing.poll();
            lost.increment();
        }
    }

    /** Takes back the loss of {@code sequence} if it is still missing; whether it was. */
    private boolean takeBack(int sequence) {
        for (Iterator<Missing> it = missing.iterator(); it.hasNext(); ) {
            Missing m = it.next();
            if (m.sequence() == sequence) {
                it.remove();
                double share = Math.pow(keep, updates - m.update());
                p = Math.max(0, p - share / policy.smoothing());
                lostWeight = Math.max(0, lostWeight - share);
                reordered.increment();
                return true;
            }
        }
        late.increment();
        return false;
    }
}
