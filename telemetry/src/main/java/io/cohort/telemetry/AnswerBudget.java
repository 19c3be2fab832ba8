package io.cohort.telemetry;

import io.cohort.time.Clock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many unsolicited answers (a StopCCN or Call-Disconnect-Notify to a packet for state that is
 * gone) a server may send, so that a flood of packets with spoofed source addresses cannot turn it
 * into a reflector: a server-wide token bucket ({@code perSecond} answers a second, at most
 * {@code burst} at once) and, per peer address, at most one answer per {@code perPeerInterval}.
 *
 * <p>The per-peer memory is bounded without losing a live entry: an address is remembered only
 * when it was answered, so within one interval at most {@code burst + perSecond * interval}
 * addresses are remembered at once; older entries have expired and are dropped first (entries are
 * kept in the order they were answered). Thread-safe.
 */
public final class AnswerBudget {
    private final Clock clock;
    private final long nanosPerToken;
    private final long burstNanos;
    private final long perPeerNanos;
    private final int maxPeers;
    /** The time at which the bucket is full; tokens are {@code (now - (fullAt - burstNanos)) / nanosPerToken}. */
    private long fullAt = Long.MIN_VALUE;
    /** Peer address to the time it was last answered, oldest first. */
    private final LinkedHashMap<InetAddress, Long> lastAnswered = new LinkedHashMap<>();

    public AnswerBudget(Clock clock, int perSecond, int burst, Duration perPeerInterval) {
        if (perSecond <= 0 || burst <= 0 || perPeerInterval.isNegative() || perPeerInterval.isZero()) {
            throw new IllegalArgumentException("rate, burst and per-peer interval must be positive");
        }
        this.clock = clock;
        this.nanosPerToken = Duration.ofSeconds(1).toNanos() / perSecond;
        this.burstNanos = nanosPerToken * burst;
        this.perPeerNanos = perPeerInterval.toNanos();
        long live = burst + (long) Math.ceil(perSecond * (perPeerNanos / 1e9));
        this.maxPeers = (int) Math.min(Integer.MAX_VALUE, live + 1);
    }

    /** Fifty answers a second, fifty at once, one a second per peer address. */
    public static AnswerBudget standard(Clock clock) {
        return new AnswerBudget(clock, 50, 50, Duration.ofSeconds(1));
    }

    /**
     * Whether one answer to {@code peer} would be allowed now, taking nothing: lets a caller skip
     * costly work for a packet it could not answer anyway.
     */
    public synchronized boolean available(InetAddress peer) {
        long now = clock.nanos();
        forgetExpired(now);
        return !lastAnswered.containsKey(peer) && now - emptyAt(now) >= nanosPerToken;
    }

    /** Whether one answer to {@code peer} may go out now; if so, it is taken from the budget. */
    public synchronized boolean tryAcquire(InetAddress peer) {
        long now = clock.nanos();
        forgetExpired(now);
        if (lastAnswered.containsKey(peer)) {
            return false;
        }
        long emptyAt = emptyAt(now);
        if (now - emptyAt < nanosPerToken) {
            return false;
        }
        fullAt = emptyAt + nanosPerToken + burstNanos;
        lastAnswered.put(peer, now);
        return true;
    }

    /** When the bucket was (or would have been) empty, given it refills up to its burst by {@code now}. */
    private long emptyAt(long now) {
        return fullAt == Long.MIN_VALUE || now - fullAt >= 0 ? now - burstNanos : fullAt - burstNanos;
    }

    /** How many peer addresses are remembered now (bounded; for tests). */
    synchronized int rememberedPeers() {
        return lastAnswered.size();
    }

    /** The bound on remembered peer addresses. */
    int maxPeers() {
        return maxPeers;
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<InetAddress, Long>> oldestFirst = lastAnswered.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<InetAddress, Long> e = oldestFirst.next();
            if (now - e.getValue() < perPeerNanos && lastAnswered.size() < maxPeers) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
