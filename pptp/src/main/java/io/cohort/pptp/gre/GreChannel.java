package io.cohort.pptp.gre;

import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The data channel of one PPTP call over enhanced GRE (RFC 2637 sections 4.1 to 4.4), sans I/O:
 * PPP frames and received GRE packets come in, GRE packets to transmit and PPP frames to deliver
 * go out through {@link Output}; timers run on the injected {@link Scheduler}.
 *
 * <p>Sending: each payload gets the next 32-bit sequence number (starting at zero, 4.1) and
 * carries an acknowledgment when one is owed. With a non-zero peer receive window (the Packet
 * Recv. Window Size from call set-up) the transmit window starts at half of it, at least one
 * (4.2.1), grows by one per window acknowledged without time-out up to the peer's size (4.2.3),
 * and halves, rounded up, when the oldest outstanding packet is not acknowledged within the
 * adaptive time-out of 4.4 (4.2.2). As nothing is retransmitted, a time-out forgets the
 * outstanding packets. {@link #send} refuses a frame while the window is full (4.2.4: the
 * transmitter stops accepting from its source). A peer window of 0 disables flow control. The
 * transmit window never exceeds {@link #MAX_TRANSMIT_WINDOW}, whatever the peer offers.
 *
 * <p>Receiving: acknowledgments free window credit (all packets up to the number, 4.2.5) and feed
 * the RTT estimate. Payloads newer than the last delivered one are delivered, gaps counted as
 * lost; older ones and duplicates are dropped (4.3: out-of-sequence packets "MUST be silently
 * discarded"). Each delivered packet owes an acknowledgment, piggybacked on the next payload or
 * sent alone after {@link GreChannelSettings#ackDelay()}, at once when half our own advertised
 * window is owed.
 *
 * <p>Counters (prefix {@code pptp.gre.}): {@code rx.duplicate}, {@code rx.out_of_order},
 * {@code rx.lost}, {@code rx.stale_ack}, {@code tx.window_full}, {@code tx.ack_timeout},
 * {@code tx.ack_only}. One thread per channel (the engine's).
 */
public final class GreChannel {
    /** Where the channel's results go. */
    public interface Output {
        /** A complete GRE packet (header and payload) to send to the peer. */
        void transmit(ByteBuffer grePacket);

        /** A PPP frame received in sequence, for the PPP engine. */
        void deliver(ByteBuffer pppFrame);
    }

    /**
     * The largest transmit window used. 4.2 lets a sender keep fewer packets outstanding than the
     * peer's window allows, and one send time is kept per packet in the window: without a cap a
     * peer's 16-bit Packet Recv. Window Size, sent before any authentication, would size that table
     * at up to 65535 entries (512 KiB) for every call it places.
     */
    public static final int MAX_TRANSMIT_WINDOW = 1024;

    private final GreChannelInitialState initial;
    private final int peerCallId;
    /** The peer's receive window, capped at {@link #MAX_TRANSMIT_WINDOW}. */
    private final int peerWindow;
    private final int ourWindow;
    private final GreChannelSettings settings;
    private final Scheduler scheduler;
    private final Output output;
    private final Counters counters;
    private final long[] sentAt;

    // essential (GreChannelEssentialState), the counters replicated lazily
    private long nextSequence;
    private boolean receivedAny;
    private long lastReceived;
    // calculable, except the transmit window and the RTT estimate, replicated lazily
    private long oldestUnacked;
    private int transmitWindow;
    private AdaptiveTimeout timeout;
    private int ackedTowardsGrowth;
    private int ackOwed;
    private Timer ackTimer = Timer.NONE;
    private Timer ackTimeoutTimer = Timer.NONE;

    /**
     * @param peerCallId                the Call ID the peer assigned; every packet we send carries it
     * @param peerReceiveWindow         the peer's Packet Recv. Window Size (0: no flow control)
     * @param peerPacketProcessingDelay the peer's Packet Processing/Transmit Delay, seeds the RTT (4.4)
     * @param ourReceiveWindow          the window size we advertised to the peer (at least 1)
     */
    public GreChannel(int peerCallId, int peerReceiveWindow, Duration peerPacketProcessingDelay,
            int ourReceiveWindow, GreChannelSettings settings, GreSequenceState initial, Scheduler scheduler,
            Output output, Counters counters) {
        this(new GreChannelInitialState(peerCallId, peerReceiveWindow, peerPacketProcessingDelay, ourReceiveWindow),
                initial, settings, scheduler, output, counters);
    }

    private GreChannel(GreChannelInitialState initial, GreSequenceState sequence, GreChannelSettings settings,
            Scheduler scheduler, Output output, Counters counters) {
        this.initial = initial;
        this.peerCallId = initial.peerCallId();
        this.peerWindow = Math.min(initial.peerReceiveWindow(), MAX_TRANSMIT_WINDOW);
        this.ourWindow = initial.ourReceiveWindow();
        this.settings = settings;
        this.scheduler = scheduler;
        this.output = output;
        this.counters = counters;
        this.timeout = new AdaptiveTimeout(initial.peerPacketProcessingDelay(), settings.minAckTimeout(),
                settings.maxAckTimeout());
        // Send times are kept only under flow control; without it one slot is never read.
        this.sentAt = new long[settings.enforcePeerWindow() ? Math.max(1, peerWindow) : 1];
        this.nextSequence = sequence.nextSequence();
        this.receivedAny = sequence.lastReceived().isPresent();
        this.lastReceived = sequence.lastReceived().orElse(0);
        this.oldestUnacked = nextSequence;
        this.transmitWindow = Math.max(1, peerWindow / 2); // 4.2.1
    }

    /**
     * A channel that carries on from another's records, e.g. on the member taking a call over.
     * Nothing is sent: the first packet goes out with the next {@link #send}. What is not in the
     * records is rebuilt as {@link GreChannelEssentialState} says. To resume a replica, pass
     * {@code essential.jumpedForward(GreSequenceState.TAKEOVER_JUMP)}.
     */
    public static GreChannel rebuild(GreChannelInitialState initial, GreChannelEssentialState essential,
            GreChannelSettings settings, Scheduler scheduler, Output output, Counters counters) {
        GreChannel channel = new GreChannel(initial, essential.sequence(), settings, scheduler, output, counters);
        channel.transmitWindow = Math.max(1, Math.min(essential.transmitWindow(), Math.max(1, channel.peerWindow)));
        channel.timeout = new AdaptiveTimeout(essential.roundTripTime(), essential.roundTripDeviation(),
                settings.minAckTimeout(), settings.maxAckTimeout());
        return channel;
    }

    /**
     * Sends one PPP frame (its remaining octets; position not moved). Returns false, and sends
     * nothing, while the peer's window is full.
     */
    public boolean send(ByteBuffer pppFrame) {
        if (flowControlled() && outstanding() >= transmitWindow) {
            count("tx.window_full");
            return false;
        }
        long seq = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF_FFFFL;
        if (flowControlled()) {
            sentAt[(int) (seq % sentAt.length)] = scheduler.nanos();
            if (!ackTimeoutTimer.isPending()) {
                ackTimeoutTimer = scheduler.schedule(timeout.timeout(), this::ackTimedOut);
            }
        } else {
            oldestUnacked = nextSequence; // nothing is tracked without flow control
        }
        GreHeader h = new GreHeader(pppFrame.remaining(), peerCallId, OptionalLong.of(seq), takeOwedAck());
        output.transmit(GreCodec.encode(h, pppFrame));
        return true;
    }

    /** Handles a packet the caller has already matched to this call (by our Call ID). */
    public void receive(GrePacket packet) {
        packet.header().acknowledgmentNumber().ifPresent(this::acknowledged);
        OptionalLong seq = packet.header().sequenceNumber();
        if (seq.isEmpty()) {
            return;
        }
        long s = seq.getAsLong();
        if (receivedAny) {
            int ahead = (int) (s - lastReceived); // serial-number comparison, 32-bit wrap
            if (ahead == 0) {
                count("rx.duplicate");
                return;
            }
            if (ahead < 0) {
                count("rx.out_of_order");
                return;
            }
            if (ahead > 1) {
                counters.counter("pptp.gre.rx.lost").add(ahead - 1L);
            }
        }
        receivedAny = true;
        lastReceived = s;
        ackOwed++;
        output.deliver(packet.payload());
        if (ackOwed >= Math.max(1, ourWindow / 2)) {
            sendAckOnly();
        } else if (!ackTimer.isPending()) {
            ackTimer = scheduler.schedule(settings.ackDelay(), this::sendAckOnly);
        }
    }

    /** Cancels the timers, e.g. when the call is cleared. */
    public void close() {
        ackTimer.cancel();
        ackTimeoutTimer.cancel();
    }

    /** The per-packet counters, the lazily replicated part of {@link #essentialState()}. */
    public GreSequenceState state() {
        return new GreSequenceState(nextSequence, receivedAny ? OptionalLong.of(lastReceived) : OptionalLong.empty());
    }

    /** What call set-up fixed (figure 7, initial state): replicated once. */
    public GreChannelInitialState initialState() {
        return initial;
    }

    /** The counters and estimates to replicate lazily (figure 7, essential state); see {@link GreChannelEssentialState}. */
    public GreChannelEssentialState essentialState() {
        return new GreChannelEssentialState(state(), transmitWindow, timeout.roundTripTime(), timeout.deviation());
    }

    /** Packets sent and neither acknowledged nor given up on. */
    public int outstanding() {
        return (int) ((nextSequence - oldestUnacked) & 0xFFFF_FFFFL);
    }

    /** The current transmit window (4.2); meaningless without flow control. */
    public int transmitWindow() {
        return transmitWindow;
    }

    /** The current adaptive acknowledgment time-out (4.4). */
    public Duration ackTimeout() {
        return timeout.timeout();
    }

    private boolean flowControlled() {
        return settings.enforcePeerWindow() && peerWindow > 0;
    }

    private void acknowledged(long ack) {
        if (!flowControlled()) {
            return;
        }
        // Valid acknowledgments cover a packet in [oldestUnacked, nextSequence).
        long covered = ((ack + 1) - oldestUnacked) & 0xFFFF_FFFFL;
        if (covered == 0) {
            return; // nothing new: a repeated acknowledgment
        }
        if (covered > outstanding()) {
            count("rx.stale_ack"); // for packets given up on, or never sent
            return;
        }
        oldestUnacked = (ack + 1) & 0xFFFF_FFFFL;
        timeout.sample(scheduler.nanos() - sentAt[(int) (ack % sentAt.length)]); // 4.2.5: highest acked
        ackedTowardsGrowth += (int) covered;
        if (ackedTowardsGrowth >= transmitWindow) { // 4.2.3: a whole window without time-out
            ackedTowardsGrowth = 0;
            transmitWindow = Math.min(peerWindow, transmitWindow + 1);
        }
        ackTimeoutTimer.cancel();
        ackTimeoutTimer = outstanding() > 0 ? scheduler.schedule(timeout.timeout(), this::ackTimedOut) : Timer.NONE;
    }

    private void ackTimedOut() {
        if (outstanding() == 0) {
            return;
        }
        count("tx.ack_timeout");
        transmitWindow = Math.max(1, (transmitWindow + 1) / 2); // 4.2.2: halve, round up
        ackedTowardsGrowth = 0;
        timeout.backOff(); // 4.4.2
        oldestUnacked = nextSequence; // no retransmission: the outstanding packets are given up
    }

    private OptionalLong takeOwedAck() {
        if (ackOwed == 0) {
            return OptionalLong.empty();
        }
        ackOwed = 0;
        ackTimer.cancel();
        return OptionalLong.of(lastReceived);
    }

    private void sendAckOnly() {
        OptionalLong ack = takeOwedAck();
        if (ack.isEmpty()) {
            return;
        }
        count("tx.ack_only");
        output.transmit(GreCodec.encode(new GreHeader(0, peerCallId, OptionalLong.empty(), ack), ByteBuffer.allocate(0)));
    }

    private void count(String what) {
        counters.counter("pptp.gre." + what).increment();
    }

    @Override
    public String toString() {
        return "GreChannel[peerCallId=" + peerCallId + ", next=" + nextSequence + ", outstanding=" + outstanding()
                + ", window=" + transmitWindow + "]";
    }
}
