package io.cohort.l2tp.session;

import io.cohort.l2tp.control.SequenceNumbers;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.ResultCodeText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One incoming call (RFC 2661 7.4): the LAC sends ICRQ, the LNS answers ICRP, the LAC confirms
 * with ICCN; either side clears the call with CDN. Messages arrive here already in order and
 * de-duplicated by the tunnel's reliable channel.
 *
 * <p>Data messages carry Ns/Nr only when sequencing is in force (5.4): when the peer sent a
 * Sequencing Required AVP, when we asked for it, or once the peer's own data carries Ns. Data
 * sequence numbers are not reliable: a packet older than the one expected is dropped and counted,
 * a gap is counted and skipped, and a run of older packets resynchronises the expected Ns.
 */
public final class Session implements SessionHandle {
    /** Connect speed reported in ICCN; L2TP has no real line, so a nominal 100 Mb/s. */
    private static final long CONNECT_SPEED_BPS = 100_000_000L;
    /**
     * After this many data packets in a row that are all "older" than the last one passed up, the
     * expected Ns follows the peer again. Without it, one stray packet with an Ns far ahead (damaged,
     * spoofed, or from before a peer restart) would make every genuine packet "older" for up to
     * 32768 packets: the call would be black-holed (found by L2tpFuzzIT; Linux's L2TP does the same
     * with nr_oos_count_max).
     */
    private static final int RESYNC_AFTER_OLDER = 4;

    private final SessionLink link;
    private final SessionRole role;
    private final int localSessionId;
    private final long callSerialNumber;
    private final boolean requestSequencing;
    private int peerSessionId;
    private SessionState state;
    private boolean sendSequenced;
    private int dataNs;
    private int dataNrExpected;
    private long txPackets;
    private long txOctets;
    private long rxPackets;
    private long rxOctets;
    private long rxOutOfOrder;
    private long rxSequenceGaps;
    private int olderInARow;
    private Avp.CallErrors lastCallErrors;
    private Avp.Accm accm;

    private Session(SessionLink link, SessionRole role, int localSessionId, long callSerialNumber,
            boolean requestSequencing) {
        if (localSessionId <= 0 || localSessionId > 0xFFFF) {
            throw new IllegalArgumentException("session ID must be in 1..65535: " + localSessionId);
        }
        this.link = Objects.requireNonNull(link, "link");
        this.role = role;
        this.localSessionId = localSessionId;
        this.callSerialNumber = callSerialNumber;
        this.requestSequencing = requestSequencing;
        this.state = role == SessionRole.LAC ? SessionState.IDLE : SessionState.WAIT_CONNECT;
        this.sendSequenced = requestSequencing;
    }

    /** A call this LAC will place once {@link #start()} is called (when the tunnel is up). */
    public static Session outgoing(SessionLink link, int localSessionId, long callSerialNumber,
            boolean requestSequencing) {
        return new Session(link, SessionRole.LAC, localSessionId, callSerialNumber, requestSequencing);
    }

    /** An LNS session answering {@code icrq}: sends ICRP at once (7.4.2). */
    public static Session answer(SessionLink link, int localSessionId, ControlMessage icrq,
            boolean requestSequencing) {
        int peer = icrq.find(Avp.AssignedSessionId.class).map(Avp.AssignedSessionId::id).orElse(0);
        long serial = icrq.find(Avp.CallSerialNumber.class).map(Avp.CallSerialNumber::serial).orElse(0L);
        Session s = new Session(link, SessionRole.LNS, localSessionId, serial, requestSequencing);
        s.peerSessionId = peer;
        s.link.sendControl(peer, MessageType.ICRP, List.of(new Avp.AssignedSessionId(localSessionId)));
        return s;
    }

    /**
     * The call carried on from its replicated state (patent figure 7), sans I/O: nothing is sent
     * and the link hears no {@code sessionUp}; the calculable parts start afresh.
     */
    public static Session restore(SessionLink link, L2tpSessionState saved) {
        L2tpSessionInitialState i = saved.initial();
        L2tpSessionEssentialState e = saved.essential();
        if (e.state() == SessionState.CLOSED) {
            throw new IllegalArgumentException("a closed call is not restored");
        }
        Session s = new Session(link, i.role(), i.localSessionId(), i.callSerialNumber(), i.requestSequencing());
        s.peerSessionId = i.peerSessionId();
        s.state = e.state();
        s.sendSequenced = e.sendSequenced();
        s.lastCallErrors = e.lastCallErrors().orElse(null);
        s.accm = e.accm().orElse(null);
        s.dataNs = saved.dataSequence().nextNs();
        s.dataNrExpected = saved.dataSequence().expectedNs();
        return s;
    }

    public L2tpSessionInitialState initialState() {
        return new L2tpSessionInitialState(localSessionId, peerSessionId, role, callSerialNumber, requestSequencing);
    }

    public L2tpSessionEssentialState essentialState() {
        return new L2tpSessionEssentialState(state, sendSequenced, Optional.ofNullable(lastCallErrors),
                Optional.ofNullable(accm));
    }

    public L2tpSessionDataSequence dataSequence() {
        return new L2tpSessionDataSequence(dataNs, dataNrExpected);
    }

    /** The whole replicated state of the call: what {@link #restore} rebuilds it from. */
    public L2tpSessionState failoverState() {
        return new L2tpSessionState(initialState(), essentialState(), dataSequence());
    }

    /** LAC: sends ICRQ (7.4.1). Does nothing unless the call is still idle. */
    public void start() {
        if (role != SessionRole.LAC || state != SessionState.IDLE) {
            return;
        }
        state = SessionState.WAIT_REPLY;
        link.sendControl(0, MessageType.ICRQ, List.of(new Avp.AssignedSessionId(localSessionId),
                new Avp.CallSerialNumber(callSerialNumber), new Avp.BearerType(true, true)));
    }

    /** A session message for this call, in order. */
    public void receive(ControlMessage message) {
        if (state == SessionState.CLOSED) {
            return;
        }
        switch (message.type()) {
            case ICRP -> onIcrp(message);
            case ICCN -> onIccn(message);
            case CDN -> onCdn(message);
            case WEN -> lastCallErrors = message.find(Avp.CallErrors.class).orElse(lastCallErrors);
            case SLI -> accm = message.find(Avp.Accm.class).orElse(accm);
            default -> fsmError(message.type());
        }
    }

    private void onIcrp(ControlMessage m) {
        if (role != SessionRole.LAC || state != SessionState.WAIT_REPLY) {
            fsmError(m.type());
            return;
        }
        peerSessionId = m.find(Avp.AssignedSessionId.class).map(Avp.AssignedSessionId::id).orElse(0);
        if (peerSessionId == 0) {
            disconnect(CdnResult.GENERAL_ERROR, GeneralError.INVALID_SESSION_ID, "ICRP without a session ID");
            return;
        }
        List<Avp> avps = new ArrayList<>(3);
        avps.add(new Avp.TxConnectSpeed(CONNECT_SPEED_BPS));
        avps.add(new Avp.FramingType(true, false));
        if (requestSequencing) {
            avps.add(new Avp.SequencingRequired());
        }
        link.sendControl(peerSessionId, MessageType.ICCN, avps);
        establish();
    }

    private void onIccn(ControlMessage m) {
        if (role != SessionRole.LNS || state != SessionState.WAIT_CONNECT) {
            fsmError(m.type());
            return;
        }
        if (m.find(Avp.SequencingRequired.class).isPresent()) {
            sendSequenced = true; // 4.4.6: the LNS MUST then send sequenced data
        }
        establish();
    }

    private void establish() {
        state = SessionState.ESTABLISHED;
        link.sessionUp(this);
    }

    private void onCdn(ControlMessage m) {
        String reason = m.find(Avp.ResultCode.class).map(Session::describe).orElse("CDN");
        state = SessionState.CLOSED;
        link.sessionDown(this, "peer disconnected: " + reason);
    }

    private static String describe(Avp.ResultCode rc) {
        return ResultCodeText.describe(rc, code -> CdnResult.of(code).map(CdnResult::description));
    }

    private void fsmError(MessageType type) {
        disconnect(CdnResult.GENERAL_ERROR, GeneralError.BAD_VALUE, "unexpected " + type + " in " + state);
    }

    /** Clears the call locally for an administrative reason: CDN result 3 (4.4.2). */
    public void close(String reason) {
        disconnect(CdnResult.ADMINISTRATIVE, null, reason);
    }

    /**
     * Sends CDN with this result (and error code, if not null) and clears the call. The message is
     * for the peer's logs; it must not hold secrets.
     */
    public void disconnect(CdnResult result, GeneralError error, String message) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        OptionalInt err = error == null ? OptionalInt.empty() : OptionalInt.of(error.code());
        String text = error == null ? "" : truncate(message);
        link.sendControl(peerSessionId, MessageType.CDN, List.of(
                new Avp.ResultCode(result.code(), err, text), new Avp.AssignedSessionId(localSessionId)));
        link.sessionDown(this, message);
    }

    /** The tunnel went down: the call is gone without a CDN (a StopCCN clears all calls, 5.7). */
    public void tunnelClosed(String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        link.sessionDown(this, reason);
    }

    /** Sends one PPP frame (its remaining octets); dropped unless the call is up. */
    public boolean sendData(ByteBuffer frame) {
        if (state != SessionState.ESTABLISHED) {
            return false;
        }
        int ns = dataNs;
        if (sendSequenced) {
            dataNs = SequenceNumbers.next(dataNs);
        }
        txPackets++;
        txOctets += frame.remaining();
        // 3.1: Nr is reserved in data messages: sent as 0.
        link.transmitData(L2tpCodec.encodeData(link.peerTunnelId(), peerSessionId, frame, sendSequenced, ns, 0,
                false, 0));
        return true;
    }

    /** One data packet for this session; returns false if it was dropped. */
    public boolean receiveData(DataPacket packet) {
        if (state != SessionState.ESTABLISHED) {
            return false;
        }
        L2tpHeader h = packet.header();
        if (h.sequencePresent()) {
            sendSequenced = true; // 5.4: the peer sequences, so we do too
            int ns = h.ns();
            if (ns != dataNrExpected) {
                if (SequenceNumbers.isAtOrBefore(ns, (dataNrExpected - 1) & 0xFFFF)
                        && ++olderInARow < RESYNC_AFTER_OLDER) {
                    rxOutOfOrder++; // older than what we already passed up: drop (5.4)
                    return false;
                }
                rxSequenceGaps++; // a gap, or a resynchronisation (see RESYNC_AFTER_OLDER)
            }
            olderInARow = 0;
            dataNrExpected = SequenceNumbers.next(ns);
        }
        rxPackets++;
        rxOctets += packet.payload().remaining();
        link.sessionData(this, packet.payload());
        return true;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    @Override public int localTunnelId() { return link.localTunnelId(); }
    @Override public int localSessionId() { return localSessionId; }
    @Override public int peerSessionId() { return peerSessionId; }
    @Override public SessionRole role() { return role; }
    @Override public SessionState state() { return state; }

    public long callSerialNumber() {
        return callSerialNumber;
    }

    /** The last Call Errors the LAC reported in a WEN (6.13), if any. */
    public Avp.CallErrors lastCallErrors() {
        return lastCallErrors;
    }

    /** The ACCM last set by an SLI (6.14), if any. */
    public Avp.Accm accm() {
        return accm;
    }

    public SessionSnapshot snapshot() {
        return new SessionSnapshot(link.localTunnelId(), localSessionId, peerSessionId, role, state, sendSequenced,
                dataNs, dataNrExpected, txPackets, txOctets, rxPackets, rxOctets, rxOutOfOrder, rxSequenceGaps);
    }

    @Override
    public String toString() {
        return "Session[" + link.localTunnelId() + "/" + localSessionId + " peer " + peerSessionId + " " + role + " "
                + state + "]";
    }
}
