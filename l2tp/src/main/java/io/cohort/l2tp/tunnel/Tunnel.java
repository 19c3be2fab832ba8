package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ControlChannel;
import io.cohort.l2tp.control.ControlChannelEssentialState;
import io.cohort.l2tp.control.OutboundMessage;
import io.cohort.l2tp.session.L2tpSessionState;
import io.cohort.l2tp.session.Session;
import io.cohort.l2tp.session.SessionLink;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.DecodeError;
import io.cohort.l2tp.wire.DecodeFault;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.l2tp.wire.L2tpPacket;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.l2tp.wire.TunnelAuthentication;
import io.cohort.time.Timer;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One control connection and its sessions (RFC 2661 7.2).
 *
 * <p>LAC: {@link #open} sends SCCRQ (wait-ctl-reply); an acceptable SCCRP is answered with SCCCN
 * and the tunnel is established. LNS: {@link #accept} then the SCCRQ itself, answered with SCCRP
 * (wait-ctl-conn); an acceptable SCCCN establishes the tunnel. With a secret configured each side
 * challenges the other and checks the response (5.1.1); a failure is answered with StopCCN result
 * 4. StopCCN in either direction clears all sessions; the tunnel then stays for one full
 * retransmission cycle to acknowledge retransmissions (5.7) before it is released. If the
 * reliable channel gives up, the peer is dead and the tunnel is released at once (5.8).
 */
public final class Tunnel implements TunnelHandle {
    private final TunnelSettings settings;
    private final TunnelEnvironment env;
    private final TunnelRole role;
    private final InetSocketAddress peer;
    private final int localTunnelId;
    private final ControlChannel<Inbound> channel;
    private final Map<Integer, Session> sessions = new LinkedHashMap<>(); // calls start in order placed
    private final SessionLink link = new Link();
    private int peerTunnelId;
    private String peerHostName = "";
    private TunnelState state = TunnelState.IDLE;
    private byte[] ourChallenge;
    private long tieBreaker;
    private long callSerial;
    private long lastHeardNanos;
    private Timer helloTimer = Timer.NONE;
    private boolean announced;

    private Tunnel(TunnelSettings settings, TunnelEnvironment env, TunnelRole role, InetSocketAddress peer,
            int localTunnelId, int peerTunnelId) {
        this(settings, env, role, peer, localTunnelId, peerTunnelId, null);
    }

    /** With {@code saved} null, a new control connection; otherwise one carried on from it. */
    private Tunnel(TunnelSettings settings, TunnelEnvironment env, TunnelRole role, InetSocketAddress peer,
            int localTunnelId, int peerTunnelId, L2tpTunnelState saved) {
        if (localTunnelId <= 0 || localTunnelId > 0xFFFF) {
            throw new IllegalArgumentException("tunnel ID must be in 1..65535: " + localTunnelId);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.env = Objects.requireNonNull(env, "env");
        this.role = role;
        this.peer = Objects.requireNonNull(peer, "peer");
        this.localTunnelId = localTunnelId;
        this.peerTunnelId = peerTunnelId;
        this.channel = saved == null
                ? new ControlChannel<>(settings.reliability(), env.scheduler(), new ChannelEndpoint())
                : ControlChannel.restore(settings.reliability(), env.scheduler(), new ChannelEndpoint(),
                        saved.initial().peerReceiveWindow(), saved.essential().control(), Outbound::new);
        this.lastHeardNanos = env.scheduler().nanos();
    }

    /** LAC: a new tunnel to {@code lns}; sends SCCRQ at once. */
    public static Tunnel open(TunnelSettings settings, TunnelEnvironment env, InetSocketAddress lns, int localTunnelId) {
        Tunnel t = new Tunnel(settings, env, TunnelRole.LAC, lns, localTunnelId, 0);
        List<Avp> avps = TunnelMessages.tunnelStart(settings, localTunnelId);
        if (settings.tieBreaker()) {
            t.tieBreaker = env.random().nextLong();
            avps.add(new Avp.TieBreaker(t.tieBreaker));
        }
        t.ourChallenge = settings.secret().isPresent() ? t.newChallenge() : null;
        if (t.ourChallenge != null) {
            avps.add(new Avp.Challenge(t.ourChallenge));
        }
        t.state = TunnelState.WAIT_CTL_REPLY;
        t.send(0, MessageType.SCCRQ, avps);
        return t;
    }

    /** LNS: a tunnel for the SCCRQ that the node is about to pass to {@link #receiveControl}. */
    public static Tunnel accept(TunnelSettings settings, TunnelEnvironment env, InetSocketAddress lac,
            int localTunnelId, int peerTunnelId) {
        return new Tunnel(settings, env, TunnelRole.LNS, lac, localTunnelId, peerTunnelId);
    }

    /**
     * A tunnel carried on from its replicated state (patent figure 7), sans I/O: the observer
     * hears no {@code tunnelUp} or {@code sessionUp}; unacknowledged messages are retransmitted
     * when the first retransmission interval passes (5.8); what the records list as calculable
     * is rebuilt. Sessions get no new IDs: the caller must account for them as allocated.
     */
    public static Tunnel restore(TunnelSettings settings, TunnelEnvironment env, L2tpTunnelState saved) {
        L2tpTunnelInitialState i = saved.initial();
        L2tpTunnelEssentialState e = saved.essential();
        if (e.state() == TunnelState.CLOSED) {
            throw new IllegalArgumentException("a released tunnel is not restored");
        }
        Tunnel t = new Tunnel(settings, env, i.role(), i.peer(), i.localTunnelId(), i.peerTunnelId(), saved);
        t.peerHostName = i.peerHostName();
        t.state = e.state();
        t.callSerial = e.lastCallSerialNumber();
        t.ourChallenge = e.ourChallenge().map(Avp.Challenge::value).map(byte[]::clone).orElse(null);
        t.tieBreaker = e.tieBreaker().orElse(0L);
        t.announced = e.state() == TunnelState.ESTABLISHED;
        for (L2tpSessionState s : saved.sessions()) {
            t.sessions.put(s.initial().localSessionId(), Session.restore(t.link, s));
        }
        if (e.state() == TunnelState.ESTABLISHED) {
            settings.helloInterval().ifPresent(t::armHello);
        } else if (e.state() == TunnelState.CLOSING) {
            env.scheduler().schedule(settings.reliability().fullRetransmissionCycle(), t::release);
        }
        return t;
    }

    public L2tpTunnelInitialState initialState() {
        return new L2tpTunnelInitialState(localTunnelId, peerTunnelId, peer, role, peerHostName, channel.peerWindow());
    }

    public L2tpTunnelEssentialState essentialState() {
        ControlChannelEssentialState<PendingControlMessage> control = channel.essentialState(m -> switch (m) {
            case Outbound o -> o.pending;
            default -> throw new IllegalStateException("not a message of this tunnel: " + m);
        });
        Optional<Avp.Challenge> challenge = Optional.ofNullable(ourChallenge).map(c -> new Avp.Challenge(c.clone()));
        return new L2tpTunnelEssentialState(state, control, callSerial, challenge, pendingTieBreaker());
    }

    /** The whole replicated state of the tunnel and its calls: what {@link #restore} rebuilds. */
    public L2tpTunnelState failoverState() {
        List<L2tpSessionState> calls = new ArrayList<>(sessions.size());
        for (Session s : sessions.values()) {
            calls.add(s.failoverState());
        }
        return new L2tpTunnelState(initialState(), essentialState(), calls);
    }

    /** A control packet addressed to this tunnel, message or ZLB. */
    public void receiveControl(ControlPacket packet) {
        lastHeardNanos = env.scheduler().nanos();
        L2tpHeader h = packet.header();
        channel.receive(h.ns(), h.nr(), packet.message().map(m -> (Inbound) new Inbound.Message(h.sessionId(), m))
                .orElse(null));
    }

    /**
     * Whether a control message that failed to decode with this error still takes its Ns slot in
     * the tunnel: an unknown mandatory AVP (4.2) or Message Type (4.4.1), which clear the call or
     * the tunnel, and an unknown Message Type without the M-bit, which is acknowledged and ignored
     * (4.4.1; dropping it unacknowledged would make the peer retransmit it until the tunnel dies).
     */
    public static boolean takesNsSlot(DecodeError error) {
        return switch (error) {
            case UNKNOWN_MANDATORY_AVP, UNKNOWN_MANDATORY_MESSAGE_TYPE, IGNORABLE_MESSAGE_TYPE -> true;
            default -> false;
        };
    }

    /** A control message for this tunnel that failed to decode with an error that {@link #takesNsSlot}. */
    public void receiveUndecodable(L2tpHeader header, DecodeResult.Malformed<L2tpPacket, DecodeFault> failure) {
        DecodeFault fault = failure.error();
        if (!takesNsSlot(fault.kind())) {
            throw new IllegalArgumentException("not a message that takes its Ns slot: " + fault.kind());
        }
        lastHeardNanos = env.scheduler().nanos();
        Inbound in = fault.kind() == DecodeError.IGNORABLE_MESSAGE_TYPE ? new Inbound.Ignorable()
                : new Inbound.UnknownMandatory(header.sessionId(), fault.messageType(), fault.assignedSessionId(),
                        failure.detail());
        channel.receive(header.ns(), header.nr(), in);
    }

    /** A data packet; false if no established session takes it. */
    public boolean receiveData(DataPacket packet) {
        Session s = sessions.get(packet.header().sessionId());
        return s != null && s.receiveData(packet);
    }

    /**
     * LAC: a new incoming call on this tunnel; ICRQ goes out as soon as the tunnel is established.
     * Empty if the tunnel is closing or a session limit refuses it.
     */
    public Optional<Session> placeCall() {
        if (role != TunnelRole.LAC || state == TunnelState.CLOSING || state == TunnelState.CLOSED) {
            return Optional.empty();
        }
        int id = env.observer().allocateSessionId(this);
        if (id == 0) {
            return Optional.empty();
        }
        Session s = Session.outgoing(link, id, ++callSerial, settings.requestSequencing());
        sessions.put(id, s);
        if (state == TunnelState.ESTABLISHED) {
            s.start();
        }
        return Optional.of(s);
    }

    /** Clears the tunnel for an administrative reason: StopCCN result 1 (4.4.2). */
    public void close(String reason) {
        stop(StopCcnResult.GENERAL_REQUEST_TO_CLEAR, null, reason);
    }

    /**
     * Sends StopCCN with this result (and error code, if not null), clears all sessions and keeps
     * the tunnel for the full retransmission cycle (5.7). The message must not hold secrets.
     */
    public void stop(StopCcnResult result, GeneralError error, String message) {
        if (state == TunnelState.CLOSING || state == TunnelState.CLOSED) {
            return;
        }
        env.counters().counter("l2tp.tunnel.stopccn.tx." + result.name().toLowerCase()).increment();
        send(0, MessageType.StopCCN, List.of(new Avp.AssignedTunnelId(localTunnelId),
                TunnelMessages.resultCode(result.code(), error, message)));
        goingDown("local StopCCN: " + result.description() + (message.isEmpty() ? "" : ": " + message));
        env.scheduler().schedule(settings.reliability().fullRetransmissionCycle(), this::release);
    }

    /**
     * A message or data packet for our Session ID {@code localSessionId}, which no call of this
     * tunnel has (its state is gone): a CDN so that the peer clears the call at once. The peer's
     * Session ID is not known here, so the header carries Session ID 0 and the CDN names the call
     * by its Assigned Session ID AVP, set to the ID the peer knows us by (4.4.3: "the same
     * Assigned Session ID AVP first sent to the receiving peer is used, permitting the peer to
     * identify the appropriate tunnel even if CDN is sent before an Assigned Session ID is
     * received"); Result Code 2 with General Error 5, "The Session ID is invalid in this context".
     * It travels on the tunnel's reliable channel. False, and nothing is sent, unless the tunnel
     * is established and no call of it has that ID.
     */
    public boolean disownSession(int localSessionId) {
        if (state != TunnelState.ESTABLISHED || localSessionId == 0 || sessions.containsKey(localSessionId)) {
            return false;
        }
        send(0, MessageType.CDN, List.of(TunnelMessages.resultCode(CdnResult.GENERAL_ERROR.code(),
                GeneralError.INVALID_SESSION_ID, "no such session here: its state is gone"),
                new Avp.AssignedSessionId(localSessionId)));
        return true;
    }

    /** Drops the tunnel without a word to the peer, e.g. after losing a tie-breaker (4.4.3). */
    public void discard(String reason) {
        if (state == TunnelState.CLOSED) {
            return;
        }
        if (state != TunnelState.CLOSING) {
            goingDown(reason);
        }
        release();
    }

    /** LAC: the Tie Breaker value sent in our SCCRQ, while we wait for the SCCRP. */
    public OptionalLong pendingTieBreaker() {
        return settings.tieBreaker() && state == TunnelState.WAIT_CTL_REPLY ? OptionalLong.of(tieBreaker)
                : OptionalLong.empty();
    }

    public boolean hasSession(int localSessionId) {
        return sessions.containsKey(localSessionId);
    }

    public Collection<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    public int sessionCount() {
        return sessions.size();
    }

    public TunnelSnapshot snapshot() {
        return new TunnelSnapshot(localTunnelId, peerTunnelId, peer, role, state, peerHostName, sessions.size(),
                channel.snapshot());
    }

    @Override public int localTunnelId() { return localTunnelId; }
    @Override public int peerTunnelId() { return peerTunnelId; }
    @Override public InetSocketAddress peer() { return peer; }
    @Override public TunnelRole role() { return role; }
    @Override public TunnelState state() { return state; }
    @Override public String peerHostName() { return peerHostName; }

    @Override
    public String toString() {
        return "Tunnel[" + localTunnelId + " peer " + peerTunnelId + "@" + peer + " " + role + " " + state + "]";
    }

    private void deliver(Inbound in) {
        switch (in) {
            case Inbound.UnknownMandatory u -> onUnknownMandatory(u);
            case Inbound.Ignorable i -> env.counters().counter("l2tp.rx.ignored_message_type").increment();
            case Inbound.Message(int sessionId, ControlMessage m) -> {
                if (state == TunnelState.CLOSING || state == TunnelState.CLOSED) {
                    return; // only acknowledged now (5.7)
                }
                switch (m.type()) {
                    case SCCRQ -> TunnelSetup.onSccrq(this, m);
                    case SCCRP -> TunnelSetup.onSccrp(this, m);
                    case SCCCN -> TunnelSetup.onScccn(this, m);
                    case StopCCN -> onStopCcn(m);
                    case HELLO -> { } // 6.5: the acknowledgement is the whole point
                    default -> onSessionMessage(sessionId, m);
                }
            }
        }
    }

    /**
     * 4.2: an unrecognised AVP with the M-bit clears what its message is about. A tunnel message,
     * or an unknown Message Type with the M-bit (4.4.1), clears the tunnel with StopCCN; a session
     * message clears only its call with CDN, result 2 and general error 8 (4.4.2): an established
     * call by its Session ID, a call being placed (ICRQ, OCRQ: Session ID 0) by the sender's
     * Assigned Session ID.
     */
    private void onUnknownMandatory(Inbound.UnknownMandatory u) {
        if (state == TunnelState.CLOSING || state == TunnelState.CLOSED) {
            return; // only acknowledged now (5.7)
        }
        env.counters().counter("l2tp.rx.unknown_mandatory_avp").increment();
        Optional<MessageType> type = u.type();
        if (type.isEmpty() || !type.get().isSessionMessage()) {
            stop(StopCcnResult.GENERAL_ERROR, GeneralError.UNKNOWN_MANDATORY_AVP, u.detail());
            return;
        }
        if (state != TunnelState.ESTABLISHED) {
            fsmError(type.get()); // as for the same message without the offending AVP
            return;
        }
        if (u.sessionId() != 0) {
            Session s = sessions.get(u.sessionId());
            if (s == null) {
                env.counters().counter("l2tp.rx.unknown_session").increment();
                return;
            }
            s.disconnect(CdnResult.GENERAL_ERROR, GeneralError.UNKNOWN_MANDATORY_AVP, u.detail());
            return;
        }
        boolean newCall = type.get() == MessageType.ICRQ || type.get() == MessageType.OCRQ;
        int peerSession = u.peerSessionId().orElse(0);
        if (!newCall || peerSession == 0) {
            // No call of ours, and none of the peer's we could name: nothing to clear.
            env.counters().counter("l2tp.rx.unknown_mandatory_avp.unaddressable").increment();
            return;
        }
        refuseCall(peerSession, CdnResult.GENERAL_ERROR, GeneralError.UNKNOWN_MANDATORY_AVP, u.detail());
    }

    private void onStopCcn(ControlMessage m) {
        String why = m.find(Avp.ResultCode.class).map(TunnelMessages::describe).orElse("no result code");
        env.counters().counter("l2tp.tunnel.stopccn.rx").increment();
        goingDown("peer sent StopCCN: " + why);
        channel.flushAck(); // 5.7: acknowledge at once, then linger to re-acknowledge
        env.scheduler().schedule(settings.reliability().fullRetransmissionCycle(), this::release);
    }

    private void onSessionMessage(int sessionId, ControlMessage m) {
        if (state != TunnelState.ESTABLISHED) {
            fsmError(m.type());
            return;
        }
        switch (m.type()) {
            case ICRQ -> onIcrq(m);
            case OCRQ -> refuseCall(m, CdnResult.PERMANENT_LACK_OF_FACILITIES, null,
                    "outgoing calls are not supported"); // we answer incoming calls only
            default -> {
                Session s = sessionId == 0 && m.type() == MessageType.CDN ? callNamedBy(m) : sessions.get(sessionId);
                if (s == null) {
                    env.counters().counter("l2tp.rx.unknown_session").increment();
                    env.log().log(Level.DEBUG, "l2tp.unknown_session", "tunnel %d: %s for unknown session %d",
                            localTunnelId, m.type(), sessionId);
                    if (m.type() != MessageType.CDN && sessionId != 0) {
                        env.observer().unknownSession(this, sessionId);
                    }
                    return;
                }
                s.receive(m);
            }
        }
    }

    /**
     * The call a CDN with Session ID 0 names by its Assigned Session ID: the ID we know the peer's
     * end of the call by (4.4.3; a peer that lost the call's state sends these, {@link #disownSession}).
     */
    private Session callNamedBy(ControlMessage cdn) {
        int peerSessionId = cdn.find(Avp.AssignedSessionId.class).map(Avp.AssignedSessionId::id).orElse(0);
        for (Session s : sessions.values()) {
            if (peerSessionId != 0 && s.peerSessionId() == peerSessionId) {
                return s;
            }
        }
        return null;
    }

    private void onIcrq(ControlMessage m) {
        if (role != TunnelRole.LNS) {
            refuseCall(m, CdnResult.PERMANENT_LACK_OF_FACILITIES, null, "this end does not answer calls");
            return;
        }
        int id = env.observer().allocateSessionId(this);
        if (id == 0) {
            env.counters().counter("l2tp.session.refused.limit").increment();
            refuseCall(m, CdnResult.TEMPORARY_LACK_OF_FACILITIES, GeneralError.INSUFFICIENT_RESOURCES,
                    "session limit reached");
            return;
        }
        sessions.put(id, Session.answer(link, id, m, settings.requestSequencing()));
    }

    /** A CDN for a call we never created: our Assigned Session ID is 0. */
    private void refuseCall(ControlMessage request, CdnResult result, GeneralError error, String message) {
        int peerSession = request.find(Avp.AssignedSessionId.class).map(Avp.AssignedSessionId::id).orElse(0);
        refuseCall(peerSession, result, error, message);
    }

    private void refuseCall(int peerSession, CdnResult result, GeneralError error, String message) {
        Avp.ResultCode rc = error == null ? new Avp.ResultCode(result.code(), java.util.OptionalInt.empty(), "")
                : new Avp.ResultCode(result.code(), java.util.OptionalInt.of(error.code()), message);
        send(peerSession, MessageType.CDN, List.of(rc, new Avp.AssignedSessionId(0)));
    }

    void fsmError(MessageType type) {
        env.counters().counter("l2tp.tunnel.fsm_error").increment();
        stop(StopCcnResult.FSM_ERROR, null, "unexpected " + type + " in " + state);
    }

    /** 7.2.1: the control connection is up; calls waiting for it go out now. */
    void establish() {
        state = TunnelState.ESTABLISHED;
        ourChallenge = null;
        announced = true;
        env.observer().tunnelUp(this);
        settings.helloInterval().ifPresent(this::armHello);
        for (Session s : new ArrayList<>(sessions.values())) {
            s.start();
        }
    }

    private void goingDown(String reason) {
        boolean tell = announced || role == TunnelRole.LAC;
        state = TunnelState.CLOSING;
        helloTimer.cancel();
        for (Session s : new ArrayList<>(sessions.values())) {
            s.tunnelClosed("tunnel down: " + reason);
        }
        sessions.clear();
        if (tell) {
            env.observer().tunnelDown(this, reason);
        } else {
            // Never announced as up, so no observer hears of it; the operator still should.
            env.log().log(Level.INFO, "l2tp.tunnel.setup_failed", "tunnel %d with %s closed during set-up: %s",
                    localTunnelId, peer, reason);
        }
    }

    private void release() {
        if (state == TunnelState.CLOSED) {
            return;
        }
        state = TunnelState.CLOSED;
        channel.close();
        helloTimer.cancel();
        env.observer().tunnelReleased(this);
    }

    private void armHello(Duration delay) {
        helloTimer = env.scheduler().schedule(delay, this::onHelloTimer);
    }

    /**
     * 6.5: a HELLO after helloInterval without a control message; its loss kills the tunnel (5.8).
     * Armed only when the settings have an interval.
     */
    private void onHelloTimer() {
        if (state != TunnelState.ESTABLISHED) {
            return;
        }
        Duration every = settings.helloInterval().orElseThrow();
        long interval = every.toNanos();
        long idle = env.scheduler().nanos() - lastHeardNanos;
        if (idle < interval) {
            armHello(Duration.ofNanos(interval - idle));
            return;
        }
        if (channel.isQuiescent()) {
            env.counters().counter("l2tp.tunnel.hello.tx").increment();
            send(0, MessageType.HELLO, List.of());
        }
        armHello(every);
    }

    void send(int peerSessionId, MessageType type, List<Avp> avps) {
        ControlMessage m = TunnelMessages.build(type, avps, settings.hideAvps());
        channel.send(new Outbound(new PendingControlMessage(peerSessionId, m)));
    }

    /** A message in the reliable channel; encoded afresh on each (re)transmission (5.8). */
    private final class Outbound implements OutboundMessage {
        private final PendingControlMessage pending;

        Outbound(PendingControlMessage pending) {
            this.pending = pending;
        }

        @Override
        public ByteBuffer encode(int ns, int nr) {
            HidingSecret secret = settings.secret().orElse(null);
            return L2tpCodec.encodeControl(peerTunnelId, pending.peerSessionId(), ns, nr, pending.message(), secret,
                    env.random());
        }
    }

    byte[] newChallenge() {
        byte[] c = new byte[TunnelMessages.CHALLENGE_LENGTH];
        env.random().nextBytes(c);
        return c;
    }

    /** Records what an SCCRQ or SCCRP says about the peer (initial state); false if unusable. */
    boolean learnPeer(ControlMessage m) {
        int id = m.find(Avp.AssignedTunnelId.class).map(Avp.AssignedTunnelId::id).orElse(0);
        int window = m.find(Avp.ReceiveWindowSize.class).map(Avp.ReceiveWindowSize::size).orElse(4);
        if (id == 0 || window == 0) {
            return false;
        }
        peerTunnelId = id;
        peerHostName = m.find(Avp.HostName.class).map(Avp.HostName::name).orElse("");
        channel.setPeerWindow(window);
        return true;
    }

    /** Checks the peer's Challenge Response against the challenge we sent (5.1.1). */
    boolean peerAnsweredChallenge(ControlMessage m) {
        if (ourChallenge == null) {
            return true;
        }
        Optional<Avp.ChallengeResponse> r = m.find(Avp.ChallengeResponse.class);
        return r.isPresent() && TunnelAuthentication.verify(m.type(), settings.secret().orElseThrow(), ourChallenge,
                r.get().value());
    }

    TunnelSettings settings() { return settings; }
    TunnelEnvironment env() { return env; }
    void setState(TunnelState s) { state = s; }
    void setOurChallenge(byte[] c) { ourChallenge = c; }

    private final class ChannelEndpoint implements ControlChannel.Endpoint<Inbound> {
        @Override public void transmit(ByteBuffer packet) { env.observer().transmit(peer, packet); }
        @Override public ByteBuffer encodeAck(int ns, int nr) { return L2tpCodec.encodeZlb(peerTunnelId, ns, nr); }
        @Override public void deliver(Inbound message) { Tunnel.this.deliver(message); }

        @Override
        public void deliveryFailed() {
            if (state == TunnelState.CLOSING) {
                release();
                return;
            }
            env.counters().counter("l2tp.tunnel.peer_dead").increment();
            goingDown("peer not responding: retransmissions exhausted");
            release();
        }
    }

    /** How sessions reach this tunnel. */
    private final class Link implements SessionLink {
        @Override public int localTunnelId() { return localTunnelId; }
        @Override public int peerTunnelId() { return peerTunnelId; }
        @Override public void sendControl(int peerSessionId, MessageType type, List<Avp> avps) {
            send(peerSessionId, type, avps);
        }
        @Override public void transmitData(ByteBuffer packet) { env.observer().transmit(peer, packet); }
        @Override public void sessionUp(Session s) { env.observer().sessionUp(s); }
        @Override public void sessionData(Session s, ByteBuffer frame) { env.observer().sessionData(s, frame); }
        @Override public void sessionDown(Session s, String reason) {
            sessions.remove(s.localSessionId());
            env.observer().sessionDown(s, reason);
        }
    }
}
