package io.cohort.l2tp.control;

/**
 * The state of one {@link ControlChannel}, for operators and for replication.
 *
 * <p><b>Essential</b> (must be replicated on change for a new owner to carry on): {@code ns},
 * {@code nr}, {@code oldestUnacked}. <b>Initial</b> (set once at tunnel set-up):
 * {@code peerWindow}, {@code ourWindow}. <b>Calculable</b> (a new owner restarts them):
 * {@code inFlight}, {@code queued}, {@code cwnd}, {@code ssthresh} and the counters.
 */
public record ChannelSnapshot(int ns, int nr, int oldestUnacked, int peerWindow, int ourWindow,
        int inFlight, int queued, int cwnd, int ssthresh, long sent, long retransmissions,
        long delivered, long duplicates, long outOfOrderHeld, long outsideWindow, long zlbSent) {
}
