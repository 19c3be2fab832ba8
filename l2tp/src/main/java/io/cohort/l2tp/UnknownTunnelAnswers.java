package io.cohort.l2tp;

import io.cohort.l2tp.control.SequenceNumbers;
import io.cohort.l2tp.tunnel.Tunnel;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.telemetry.AnswerBudget;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Answers a packet for a tunnel that has no state anywhere (after a restart, or a member's death
 * whose replicas were lost) with a one-off StopCCN, so that the peer tears the tunnel down at once
 * and can set it up again, instead of retransmitting into silence until its reliable delivery
 * gives up (RFC 2661 5.8: about 85 s with the recommended back-off).
 *
 * <p>The peer's Tunnel ID is not known here: the packet carries only ours (3.1: "Tunnel ID in
 * each message is that of the intended recipient"). So the StopCCN goes out as a message to a peer
 * whose Assigned Tunnel ID we do not have: Tunnel ID 0 in the header (4.4.3, Assigned Tunnel ID:
 * "Before the Assigned Tunnel ID AVP is received from a peer, messages MUST be sent to that peer
 * with a Tunnel ID value of 0"), and in its Assigned Tunnel ID AVP the ID the peer knows us by,
 * which 4.4.3 names as the way to identify the tunnel ("the Assigned Tunnel ID AVP MUST be the
 * same as the Assigned Tunnel ID AVP first sent to the receiving peer, permitting the peer to
 * identify the appropriate tunnel even if a StopCCN is sent before an Assigned Tunnel ID AVP is
 * received"). Result Code 2 with General Error 1, "No control connection exists yet for this
 * LAC-LNS pair" (4.4.2). Nr acknowledges the message answered; Ns is 0, the first of a channel
 * that never sends again: no state is kept and nothing is retransmitted (6.4: the StopCCN has no
 * reply but the peer's acknowledgement, which arrives for an unknown tunnel and is not answered).
 *
 * <p>Never answered: a ZLB, a StopCCN or a CDN (the peer is tearing down already; answering would
 * ping-pong between two ends that both lost the tunnel), an SCCRQ (it creates a tunnel, 5.1), a
 * tunnel whose state may live on another member ({@link TunnelStateAuthority}), and anything over
 * the {@link AnswerBudget} (a flood with spoofed source addresses must not make us a reflector).
 */
final class UnknownTunnelAnswers {
    /** Messages whose sender is tearing down or setting up: answering them helps nobody. */
    private static final Set<MessageType> NEVER_ANSWERED = EnumSet.of(MessageType.StopCCN, MessageType.CDN,
            MessageType.SCCRQ);
    static final String MESSAGE = "no such tunnel here: its state is gone";

    private final TunnelStateAuthority authority;
    private final AnswerBudget budget;
    private final L2tpEvents events;
    private final RateLimitedLog log;
    private final Counter answered;
    private final Counter notAnswerable;
    private final Counter notAuthoritative;
    private final Counter overBudget;
    private final Counter sessionAnswered;
    private final Counter sessionOverBudget;
    private final Counter sessionNotEstablished;

    UnknownTunnelAnswers(TunnelStateAuthority authority, AnswerBudget budget, L2tpEvents events, Counters counters,
            RateLimitedLog log) {
        this.authority = authority;
        this.budget = budget;
        this.events = events;
        this.log = log;
        this.answered = counters.counter("l2tp.tx.unknown_tunnel_answer");
        this.notAnswerable = counters.counter("l2tp.tx.unknown_tunnel_answer.skipped.message_type");
        this.notAuthoritative = counters.counter("l2tp.tx.unknown_tunnel_answer.skipped.state_elsewhere");
        this.overBudget = counters.counter("l2tp.tx.unknown_tunnel_answer.skipped.rate");
        this.sessionAnswered = counters.counter("l2tp.tx.unknown_session_answer");
        this.sessionOverBudget = counters.counter("l2tp.tx.unknown_session_answer.skipped.rate");
        this.sessionNotEstablished = counters.counter("l2tp.tx.unknown_session_answer.skipped.not_established");
    }

    /** A control message (or ZLB) from {@code peer} for our Tunnel ID {@code packet.header().tunnelId()}, unknown here. */
    void control(InetSocketAddress peer, ControlPacket packet) {
        boolean answerable = packet.message().map(m -> !NEVER_ANSWERED.contains(m.type())).orElse(false);
        if (!answerable) {
            notAnswerable.increment();
            return;
        }
        answer(peer, packet.header().tunnelId(), SequenceNumbers.next(packet.header().ns()));
    }

    /** A data message from {@code peer} for our Tunnel ID {@code localTunnelId}, unknown here. */
    void data(InetSocketAddress peer, int localTunnelId) {
        answer(peer, localTunnelId, 0);
    }

    /**
     * A data packet from the peer of {@code tunnel} for our Session ID {@code localSessionId}, or a
     * session control message other than a CDN, which no call of the tunnel has: answered with a CDN
     * on the tunnel ({@link Tunnel#disownSession}), within the same budget and authority.
     */
    void session(Tunnel tunnel, int localSessionId) {
        InetSocketAddress peer = tunnel.peer();
        if (!budget.available(peer.getAddress())) {
            sessionOverBudget.increment();
            return;
        }
        if (!authority.holdsAnyStateOf(tunnel.localTunnelId())) {
            notAuthoritative.increment();
            return;
        }
        if (!tunnel.disownSession(localSessionId)) {
            sessionNotEstablished.increment();
            return;
        }
        budget.tryAcquire(peer.getAddress());
        sessionAnswered.increment();
        log.log(Level.INFO, "l2tp.unknown_session_answer", "CDN to %s: session %d of tunnel %d is unknown here", peer,
                localSessionId, tunnel.localTunnelId());
    }

    /** The budget first: under a flood the authority, which may look through replicas, is not asked. */
    private void answer(InetSocketAddress peer, int localTunnelId, int nr) {
        if (!budget.available(peer.getAddress())) {
            overBudget.increment();
            return;
        }
        if (!authority.holdsAnyStateOf(localTunnelId)) {
            notAuthoritative.increment();
            return;
        }
        budget.tryAcquire(peer.getAddress());
        answered.increment();
        events.transmit(peer, stopCcn(localTunnelId, nr));
        log.log(Level.INFO, "l2tp.unknown_tunnel_answer", "StopCCN to %s: tunnel %d is unknown here", peer,
                localTunnelId);
    }

    /** The StopCCN for our unknown Tunnel ID {@code localTunnelId}, acknowledging up to {@code nr} (class comment). */
    static ByteBuffer stopCcn(int localTunnelId, int nr) {
        ControlMessage stop = ControlMessage.of(MessageType.StopCCN, new Avp.AssignedTunnelId(localTunnelId),
                new Avp.ResultCode(StopCcnResult.GENERAL_ERROR.code(),
                        OptionalInt.of(GeneralError.NO_CONTROL_CONNECTION.code()), MESSAGE));
        return L2tpCodec.encodeControl(0, 0, 0, nr, stop, null, null);
    }
}
