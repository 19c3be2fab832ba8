package io.cohort.l2tp.control;

import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The reliable transport under one tunnel's control connection (RFC 2661 section 5.8).
 *
 * <p>Outgoing messages get consecutive Ns values and are held until the peer's Nr acknowledges
 * them. At most min(cwnd, peer window) are outstanding: cwnd starts at 1 and grows by one per
 * acknowledged message while below ssthresh (slow start), then by one per cwnd acknowledgements
 * (congestion avoidance); a retransmission halves ssthresh and resets cwnd to 1 (Appendix A).
 * The oldest unacknowledged message is retransmitted after an interval that doubles up to a cap;
 * after the configured number of retransmissions the endpoint is told that delivery failed, and
 * the tunnel MUST be cleared.
 *
 * <p>Incoming messages are delivered exactly once and in Ns order: a message already received is
 * a duplicate and is only re-acknowledged; one ahead of the expected Ns but within our window is
 * held until the gap is filled. Acknowledgements ride on the next outgoing message; if none is
 * sent within the ack delay, a ZLB carries them.
 *
 * <p>Not thread-safe: driven by the single thread that owns the tunnel. Callbacks into the
 * {@link Endpoint} may re-enter {@link #send} or {@link #close}.
 *
 * @param <M> the type of a decoded incoming message
 */
public final class ControlChannel<M> {

    /** What the channel needs from the tunnel that owns it. */
    public interface Endpoint<M> {
        /** Sends one encoded control packet to the peer. */
        void transmit(ByteBuffer packet);

        /** Encodes a Zero-Length Body acknowledgement carrying these numbers. */
        ByteBuffer encodeAck(int ns, int nr);

        /** Hands up the next message in order. */
        void deliver(M message);

        /** The peer acknowledged nothing through the whole retransmission cycle (5.8). */
        void deliveryFailed();
    }

    private final ReliableDeliveryConfig config;
    private final Scheduler scheduler;
    private final Endpoint<M> endpoint;

    // Essential: the sequence state.
    private int ns;
    private int nr;
    /** The Nr our last transmitted packet carried: what the peer knows we have received. */
    private int ackedNr;
    private int oldestUnacked;

    private int peerWindow = 4; // 5.8: the default when no Receive Window Size AVP was received
    private final ArrayDeque<OutboundMessage> inFlight = new ArrayDeque<>(4);
    private ArrayDeque<OutboundMessage> queued;
    private Object[] held;
    private int[] heldNs;
    private int cwnd = 1;
    private int ssthresh = 4;
    private int cwndAcks;
    private int retransmitCount;
    private Timer retransmitTimer = Timer.NONE;
    private Timer ackTimer = Timer.NONE;
    private boolean closed;

    private long sent;
    private long retransmissions;
    private long delivered;
    private long duplicates;
    private long outOfOrderHeld;
    private long outsideWindow;
    private long zlbSent;

    public ControlChannel(ReliableDeliveryConfig config, Scheduler scheduler, Endpoint<M> endpoint) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * A channel that carries on from {@code state} (5.8): the same Ns/Nr, the unacknowledged
     * messages in flight again with their Ns and retransmitted after the first interval unless
     * acknowledged, the unsent ones queued. What {@link ControlChannelEssentialState} lists as
     * calculable starts afresh. Sends nothing now unless the window has room for unsent messages.
     *
     * @param peerWindow the peer's Receive Window Size (4.4.3), part of the tunnel's initial state
     * @param encoder turns the owner's description of a message back into one the channel sends
     */
    public static <M, O> ControlChannel<M> restore(ReliableDeliveryConfig config, Scheduler scheduler,
            Endpoint<M> endpoint, int peerWindow, ControlChannelEssentialState<O> state,
            Function<? super O, ? extends OutboundMessage> encoder) {
        ControlChannel<M> c = new ControlChannel<>(config, scheduler, endpoint);
        c.ns = state.ns();
        c.nr = state.nr();
        c.ackedNr = state.nr();
        c.oldestUnacked = (state.ns() - state.unacknowledged().size()) & 0xFFFF;
        for (O m : state.unacknowledged()) {
            c.inFlight.add(encoder.apply(m));
        }
        if (!state.unsent().isEmpty()) {
            c.queued = new ArrayDeque<>(state.unsent().size());
            for (O m : state.unsent()) {
                c.queued.add(encoder.apply(m));
            }
        }
        c.setPeerWindow(peerWindow); // ssthresh = window, cwnd = 1: slow start (Appendix A); may send
        if (!c.inFlight.isEmpty() && !c.retransmitTimer.isPending()) {
            c.armRetransmit();
        }
        return c;
    }

    /**
     * Sets the peer's advertised Receive Window Size (4.4.3); it also becomes ssthresh, as
     * Appendix A starts it. Values below 1 are invalid (5.8) and must be rejected by the caller.
     */
    public void setPeerWindow(int window) {
        if (window < 1 || window > 0xFFFF) {
            throw new IllegalArgumentException("receive window must be in 1..65535: " + window);
        }
        peerWindow = window;
        ssthresh = window;
        cwnd = Math.min(cwnd, window);
        trySend();
    }

    /** Queues a message for reliable delivery; it is sent as soon as the window allows. */
    public void send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            return;
        }
        if (queued == null) {
            queued = new ArrayDeque<>(2);
        }
        queued.add(message);
        trySend();
    }

    /**
     * Processes the sequence numbers of one received control packet; {@code messageOrNull} is
     * null for a ZLB acknowledgement, which occupies no Ns slot.
     */
    public void receive(int packetNs, int packetNr, M messageOrNull) {
        if (closed) {
            return;
        }
        acknowledge(packetNr);
        if (messageOrNull == null || closed) {
            return;
        }
        if (packetNs == nr) {
            deliverInOrder(messageOrNull);
        } else if (SequenceNumbers.isAtOrBefore(packetNs, (nr - 1) & 0xFFFF)) {
            // 5.8: a duplicate is not processed again, but MUST be acknowledged.
            duplicates++;
            scheduleAck();
        } else if (SequenceNumbers.forwardDistance(nr, packetNs) < config.receiveWindow()) {
            hold(packetNs, messageOrNull);
            scheduleAck();
        } else {
            outsideWindow++;
        }
    }

    /** Sends any pending acknowledgement now, as a ZLB if nothing else can carry it. */
    public void flushAck() {
        if (!closed && ackTimer.isPending()) {
            ackTimer.cancel();
            sendAck();
        }
    }

    /** Stops all timers and forgets queued messages; later calls do nothing. */
    public void close() {
        closed = true;
        retransmitTimer.cancel();
        ackTimer.cancel();
        inFlight.clear();
        if (queued != null) {
            queued.clear();
        }
        held = null;
        heldNs = null;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True when every message we sent has been acknowledged and nothing waits to be sent. */
    public boolean isQuiescent() {
        return inFlight.isEmpty() && (queued == null || queued.isEmpty());
    }

    /** Messages sent but not yet acknowledged. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * The essential state (5.8; patent figure 7) with each message described by {@code describe},
     * which must understand every message this channel was given to send.
     */
    public <O> ControlChannelEssentialState<O> essentialState(Function<? super OutboundMessage, ? extends O> describe) {
        List<O> unacknowledged = inFlight.stream().<O>map(describe).toList();
        List<O> unsent = queued == null ? List.of() : queued.stream().<O>map(describe).toList();
        return new ControlChannelEssentialState<>(ns, nr, unacknowledged, unsent);
    }

    /** The peer's Receive Window Size in force (4.4.3; 4 until the peer advertises one). */
    public int peerWindow() {
        return peerWindow;
    }

    public ChannelSnapshot snapshot() {
        return new ChannelSnapshot(ns, nr, oldestUnacked, peerWindow, config.receiveWindow(),
                inFlight.size(), queued == null ? 0 : queued.size(), cwnd, ssthresh, sent,
                retransmissions, delivered, duplicates, outOfOrderHeld, outsideWindow, zlbSent);
    }

    private void acknowledge(int packetNr) {
        int acked = SequenceNumbers.forwardDistance(oldestUnacked, packetNr);
        if (acked == 0 || acked > inFlight.size()) {
            return; // nothing new, or an Nr for a message we never sent: ignore it
        }
        for (int i = 0; i < acked; i++) {
            inFlight.poll();
            growWindow();
        }
        oldestUnacked = packetNr;
        retransmitCount = 0;
        retransmitTimer.cancel();
        if (!inFlight.isEmpty()) {
            armRetransmit();
        }
        trySend();
    }

    /** Appendix A: +1 per ack in slow start, +1 per cwnd acks in congestion avoidance. */
    private void growWindow() {
        if (cwnd < ssthresh) {
            cwnd++;
        } else if (++cwndAcks >= cwnd) {
            cwndAcks = 0;
            cwnd++;
        }
        cwnd = Math.min(cwnd, peerWindow);
    }

    private void trySend() {
        while (!closed && queued != null && !queued.isEmpty() && inFlight.size() < Math.min(cwnd, peerWindow)) {
            OutboundMessage m = queued.poll();
            int messageNs = ns;
            inFlight.add(m);
            ns = SequenceNumbers.next(ns);
            ackTimer.cancel(); // the acknowledgement rides on this message
            sent++;
            ackedNr = nr;
            endpoint.transmit(m.encode(messageNs, nr));
            if (!retransmitTimer.isPending()) {
                armRetransmit();
            }
        }
    }

    private void armRetransmit() {
        Duration interval = config.retransmitInterval(retransmitCount);
        retransmitTimer = scheduler.schedule(interval, this::onRetransmitTimeout);
    }

    private void onRetransmitTimeout() {
        if (closed || inFlight.isEmpty()) {
            return;
        }
        if (retransmitCount >= config.maxRetransmissions()) {
            close();
            endpoint.deliveryFailed();
            return;
        }
        retransmitCount++;
        retransmissions++;
        ssthresh = Math.max(cwnd / 2, 1); // Appendix A: congestion
        cwnd = 1;
        cwndAcks = 0;
        ackTimer.cancel();
        ackedNr = nr;
        endpoint.transmit(inFlight.peek().encode(oldestUnacked, nr));
        armRetransmit();
    }

    private void deliverInOrder(M first) {
        M next = first;
        while (next != null) {
            nr = SequenceNumbers.next(nr);
            delivered++;
            scheduleAck();
            endpoint.deliver(next);
            if (closed) {
                return;
            }
            next = takeHeld(nr);
        }
    }

    private void hold(int messageNs, M message) {
        if (held == null) {
            // A power of two divides 65536, so consecutive Ns map to distinct slots across the wrap.
            int size = Integer.highestOneBit(config.receiveWindow() * 2 - 1);
            held = new Object[size];
            heldNs = new int[size];
            Arrays.fill(heldNs, -1);
        }
        int slot = messageNs & (held.length - 1);
        if (heldNs[slot] == messageNs) {
            duplicates++;
            return;
        }
        held[slot] = message;
        heldNs[slot] = messageNs;
        outOfOrderHeld++;
    }

    @SuppressWarnings("unchecked")
    private M takeHeld(int messageNs) {
        if (held == null) {
            return null;
        }
        int slot = messageNs & (held.length - 1);
        if (heldNs[slot] != messageNs) {
            return null;
        }
        M m = (M) held[slot];
        held[slot] = null;
        heldNs[slot] = -1;
        return m;
    }

    private void scheduleAck() {
        // The peer may have only our receive window unacknowledged; once half of it waits for an
        // acknowledgement, send it now rather than after the ack delay, so that a busy peer
        // (many calls in one tunnel) is not throttled to a window per ack delay (5.8, appendix A).
        if (SequenceNumbers.forwardDistance(ackedNr, nr) >= Math.max(1, config.receiveWindow() / 2)) {
            ackTimer.cancel();
            sendAck();
            return;
        }
        if (!ackTimer.isPending()) {
            ackTimer = scheduler.schedule(config.ackDelay(), this::sendAck);
        }
    }

    private void sendAck() {
        if (closed) {
            return;
        }
        long before = sent;
        trySend();
        if (sent == before) {
            zlbSent++;
            ackedNr = nr;
            endpoint.transmit(endpoint.encodeAck(ns, nr));
        }
    }
}
