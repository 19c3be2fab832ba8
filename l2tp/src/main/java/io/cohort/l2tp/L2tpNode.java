package io.cohort.l2tp;

import io.cohort.l2tp.control.SequenceNumbers;
import io.cohort.l2tp.session.Session;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionSnapshot;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.Tunnel;
import io.cohort.l2tp.tunnel.TunnelEnvironment;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelObserver;
import io.cohort.l2tp.tunnel.TunnelRole;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.tunnel.TunnelSnapshot;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.DecodeFault;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpPacket;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.telemetry.AnswerBudget;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * All L2TP tunnels of one local UDP endpoint. Datagrams are dispatched by the Tunnel ID in their
 * header (our ID); Tunnel ID 0 with an SCCRQ starts a tunnel, keyed by the peer's address, port
 * and Assigned Tunnel ID so that a retransmitted SCCRQ reaches the same tunnel, while several
 * tunnels from one address (or from many ports behind one NAT) stay apart.
 *
 * <p>Bad datagrams are counted ({@code l2tp.rx.malformed.<kind>}), logged at a limited rate and
 * dropped; they never touch other tunnels. Not thread-safe: one thread drives a node.
 */
public final class L2tpNode {
    private final L2tpConfig config;
    private final L2tpEvents events;
    private final TunnelIdAllocator tunnelIds;
    private final IdAllocator sessionIds;
    private final Counters counters;
    private final RateLimitedLog log;
    private final SecureRandom random;
    private final HidingSecret secret;
    private final TunnelEnvironment env;
    private final Map<Integer, Tunnel> tunnels = new HashMap<>();
    private final Map<PeerTunnel, Tunnel> byPeerTunnel = new HashMap<>();
    private final Map<InetAddress, Integer> tunnelsPerAddress = new HashMap<>();
    private int sessions;
    private final Counter rxData;
    private final Counter rxDataDropped;
    private final Counter txData;
    private final UnknownTunnelAnswers unknownTunnelAnswers;

    /** The peer's address and port plus its Assigned Tunnel ID: identifies an SCCRQ (5.8, 7.2). */
    private record PeerTunnel(InetSocketAddress peer, int peerTunnelId) {}

    public L2tpNode(L2tpConfig config, Scheduler scheduler, L2tpEvents events) {
        this(config, scheduler, events, new Counters(), new SecureRandom(), null, null);
    }

    /**
     * A node with explicit telemetry, randomness and ID allocators (null for random allocators).
     */
    public L2tpNode(L2tpConfig config, Scheduler scheduler, L2tpEvents events, Counters counters,
            SecureRandom random, TunnelIdAllocator tunnelIds, IdAllocator sessionIds) {
        this(config, scheduler, events, counters, random, tunnelIds, sessionIds, TunnelStateAuthority.ALWAYS);
    }

    /**
     * A node that answers a packet for a tunnel it does not know with a StopCCN only where
     * {@code authority} says no state of that tunnel can live elsewhere ({@link UnknownTunnelAnswers}).
     */
    public L2tpNode(L2tpConfig config, Scheduler scheduler, L2tpEvents events, Counters counters,
            SecureRandom random, TunnelIdAllocator tunnelIds, IdAllocator sessionIds, TunnelStateAuthority authority) {
        this.config = Objects.requireNonNull(config, "config");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.random = Objects.requireNonNull(random, "random");
        this.tunnelIds = tunnelIds != null ? tunnelIds : TunnelIdAllocator.anyOf(new RandomIdAllocator(random));
        this.sessionIds = sessionIds != null ? sessionIds : new RandomIdAllocator(random);
        this.log = RateLimitedLog.standard(System.getLogger(L2tpNode.class.getName()), scheduler);
        this.secret = config.tunnel().secret().orElse(null);
        this.env = new TunnelEnvironment(scheduler, random, new Observer(), counters, log);
        this.rxData = counters.counter("l2tp.rx.data");
        this.rxDataDropped = counters.counter("l2tp.rx.data.dropped");
        this.txData = counters.counter("l2tp.tx.data");
        this.unknownTunnelAnswers = new UnknownTunnelAnswers(Objects.requireNonNull(authority, "authority"),
                AnswerBudget.standard(scheduler), events, counters, log);
    }

    /** One datagram from {@code peer}. Never throws on bad input: it is counted and dropped. */
    public void receive(InetSocketAddress peer, ByteBuffer datagram) {
        switch (L2tpCodec.decode(datagram, secret)) {
            case DecodeResult.Malformed<L2tpPacket, DecodeFault> m -> onMalformed(peer, datagram, m);
            case DecodeResult.Decoded(ControlPacket c) -> onControl(peer, c);
            case DecodeResult.Decoded(DataPacket d) -> onData(peer, d);
        }
    }

    /** LAC: opens a tunnel to {@code lns} (SCCRQ goes out now). */
    public TunnelHandle openTunnel(InetSocketAddress lns) {
        if (!config.openTunnels()) {
            throw new IllegalStateException("this node does not open tunnels (LAC role disabled)");
        }
        if (!admitTunnel(lns.getAddress())) {
            throw new IllegalStateException("tunnel limit reached");
        }
        int id = tunnelIds.allocate(lns, tunnels::containsKey);
        if (id == 0) {
            throw new IllegalStateException("no free tunnel ID");
        }
        Tunnel t = Tunnel.open(config.tunnel(), env, lns, id);
        register(t, null);
        return t;
    }

    /** LAC: places a call on the tunnel; ICRQ is sent once the tunnel is up. Empty if refused. */
    public Optional<SessionHandle> placeCall(TunnelHandle tunnel) {
        return tunnelOf(tunnel).flatMap(Tunnel::placeCall).map(s -> s);
    }

    /** Sends one PPP frame on an established session; false if the session is not up. */
    public boolean sendData(SessionHandle session, ByteBuffer pppFrame) {
        boolean sent = session instanceof Session s && s.sendData(pppFrame);
        if (sent) {
            txData.increment();
        }
        return sent;
    }

    /** Clears a session with CDN (result 3, administrative). */
    public void closeSession(SessionHandle session, String reason) {
        if (session instanceof Session s) {
            s.close(reason);
        }
    }

    /** Clears a tunnel with StopCCN (result 1) and all its sessions. */
    public void closeTunnel(TunnelHandle tunnel, String reason) {
        tunnelOf(tunnel).ifPresent(t -> t.close(reason));
    }

    /**
     * Drops a tunnel and its calls without a word to the peer: no StopCCN, no CDN, no more HELLOs
     * or retransmissions (patent figure 7: another member now owns the tunnel and carries on with
     * the peer). {@link L2tpEvents} hears of the calls and the tunnel going down, as for any end.
     */
    public void abandonTunnel(TunnelHandle tunnel, String reason) {
        tunnelOf(tunnel).ifPresent(t -> {
            t.discard(reason);
            counters.counter("l2tp.tunnel.abandoned").increment();
        });
    }

    /**
     * The replicated state of a tunnel of this node and its calls (patent figure 7); empty if the
     * handle is not a live tunnel of this node.
     */
    public Optional<L2tpTunnelState> failoverState(TunnelHandle tunnel) {
        return tunnelOf(tunnel).map(Tunnel::failoverState);
    }

    /** The replicated state of every tunnel of this node that is not yet released, set-up ones included. */
    public List<L2tpTunnelState> failoverStates() {
        List<L2tpTunnelState> out = new ArrayList<>(tunnels.size());
        for (Tunnel t : tunnels.values()) {
            if (t.state() != TunnelState.CLOSED) {
                out.add(t.failoverState());
            }
        }
        return out;
    }

    /**
     * Takes over a tunnel, and its calls, from its replicated state: the same Tunnel ID, the same
     * peer, the same Ns/Nr, so the peer carries on as if nothing happened (sans I/O; nothing is
     * sent now, and {@link L2tpEvents} hears of no tunnel or call coming up). Throws if its Tunnel
     * ID is in use here or if the limits would be exceeded: the cluster gives each tunnel ID one
     * owner.
     */
    public TunnelHandle restoreTunnel(L2tpTunnelState saved) {
        int id = saved.initial().localTunnelId();
        if (tunnels.containsKey(id)) {
            throw new IllegalStateException("tunnel ID already in use: " + id);
        }
        L2tpLimits l = config.limits();
        if (sessions + saved.sessions().size() > l.maxSessions()) {
            throw new IllegalStateException("session limit reached");
        }
        Tunnel t = Tunnel.restore(config.tunnel(), env, saved);
        register(t, t.role() == TunnelRole.LNS ? new PeerTunnel(t.peer(), t.peerTunnelId()) : null);
        sessions += t.sessionCount();
        counters.counter("l2tp.tunnel.restored").increment();
        return t;
    }

    /** The live calls of a tunnel of this node, in the order they were set up. */
    public List<SessionHandle> sessions(TunnelHandle tunnel) {
        return tunnelOf(tunnel).map(t -> List.<SessionHandle>copyOf(t.sessions())).orElse(List.of());
    }

    /** Every tunnel (closing ones included) and session, with the node's counters. */
    public NodeSnapshot snapshot() {
        List<TunnelSnapshot> ts = new ArrayList<>(tunnels.size());
        List<SessionSnapshot> ss = new ArrayList<>(sessions);
        for (Tunnel t : tunnels.values()) {
            ts.add(t.snapshot());
            for (Session s : t.sessions()) {
                ss.add(s.snapshot());
            }
        }
        return new NodeSnapshot(ts, ss, counters.snapshot());
    }

    public Counters counters() {
        return counters;
    }

    public int tunnelCount() {
        return tunnels.size();
    }

    public int sessionCount() {
        return sessions;
    }

    private Optional<Tunnel> tunnelOf(TunnelHandle h) {
        Tunnel t = tunnels.get(h.localTunnelId());
        return t == h ? Optional.of(t) : Optional.empty();
    }

    private void onMalformed(InetSocketAddress peer, ByteBuffer datagram, DecodeResult.Malformed<L2tpPacket, DecodeFault> m) {
        DecodeFault fault = m.error();
        counters.counter("l2tp.rx.malformed." + fault.kind().name().toLowerCase()).increment();
        log.log(Level.INFO, "l2tp.malformed", "dropped datagram from %s: %s (%s)", peer, fault.kind(), m.detail());
        if (Tunnel.takesNsSlot(fault.kind()) && fault.tunnelId() > 0) {
            Tunnel t = tunnels.get(fault.tunnelId());
            if (t != null && t.peer().equals(peer)) {
                L2tpCodec.peekHeader(datagram).ifPresent(h -> t.receiveUndecodable(h, m));
            }
        }
    }

    private void onControl(InetSocketAddress peer, ControlPacket c) {
        int id = c.header().tunnelId();
        if (id == 0) {
            onTunnelZero(peer, c);
            return;
        }
        Tunnel t = tunnels.get(id);
        if (t == null || !t.peer().equals(peer)) {
            counters.counter("l2tp.rx.unknown_tunnel").increment();
            log.log(Level.DEBUG, "l2tp.unknown_tunnel", "control packet from %s for unknown tunnel %d", peer, id);
            if (t == null) {
                unknownTunnelAnswers.control(peer, c);
            }
            return;
        }
        t.receiveControl(c);
    }

    private void onData(InetSocketAddress peer, DataPacket d) {
        rxData.increment();
        Tunnel t = tunnels.get(d.header().tunnelId());
        if (t == null || !t.peer().equals(peer) || !t.receiveData(d)) {
            rxDataDropped.increment();
            if (t == null) {
                unknownTunnelAnswers.data(peer, d.header().tunnelId());
            } else if (t.peer().equals(peer) && !t.hasSession(d.header().sessionId())) {
                unknownTunnelAnswers.session(t, d.header().sessionId());
            }
        }
    }

    private void onTunnelZero(InetSocketAddress peer, ControlPacket c) {
        Optional<ControlMessage> msg = c.message();
        if (msg.isPresent() && msg.get().type() == MessageType.StopCCN) {
            onStopCcnWithoutTunnelId(peer, c, msg.get());
            return;
        }
        if (msg.isEmpty() || msg.get().type() != MessageType.SCCRQ) {
            counters.counter("l2tp.rx.tunnel_zero_not_sccrq").increment();
            return;
        }
        ControlMessage sccrq = msg.get();
        int peerTunnelId = sccrq.find(Avp.AssignedTunnelId.class).map(Avp.AssignedTunnelId::id).orElse(0);
        if (peerTunnelId == 0) {
            counters.counter("l2tp.rx.sccrq_without_tunnel_id").increment();
            return;
        }
        Tunnel existing = byPeerTunnel.get(new PeerTunnel(peer, peerTunnelId));
        if (existing != null) {
            existing.receiveControl(c); // a retransmitted SCCRQ: the channel re-acknowledges it
            return;
        }
        if (!config.acceptTunnels()) {
            refuse(peer, c, StopCcnResult.NOT_AUTHORIZED, null, "this node does not accept tunnels");
            return;
        }
        if (lostTieBreak(peer, sccrq)) {
            return;
        }
        if (!admitTunnel(peer.getAddress())) {
            counters.counter("l2tp.tunnel.refused.limit").increment();
            refuse(peer, c, StopCcnResult.GENERAL_ERROR, GeneralError.INSUFFICIENT_RESOURCES, "tunnel limit reached");
            return;
        }
        int id = tunnelIds.allocate(peer, tunnels::containsKey);
        if (id == 0) {
            counters.counter("l2tp.tunnel.refused.no_id").increment();
            refuse(peer, c, StopCcnResult.GENERAL_ERROR, GeneralError.INSUFFICIENT_RESOURCES, "no free tunnel ID");
            return;
        }
        Tunnel t = Tunnel.accept(config.tunnel(), env, peer, id, peerTunnelId);
        register(t, new PeerTunnel(peer, peerTunnelId));
        t.receiveControl(c);
    }

    /**
     * A StopCCN with Tunnel ID 0 names the tunnel by its Assigned Tunnel ID AVP alone (4.4.3): the
     * peer lost the tunnel's state and no longer knows our Tunnel ID ({@link UnknownTunnelAnswers}
     * sends these). The tunnel, if one of ours to that peer, goes down at once; its sequence
     * numbers belong to no channel, so the StopCCN is acknowledged outside ours (5.7) and never
     * answered.
     */
    private void onStopCcnWithoutTunnelId(InetSocketAddress peer, ControlPacket c, ControlMessage stop) {
        int peerTunnelId = stop.find(Avp.AssignedTunnelId.class).map(Avp.AssignedTunnelId::id).orElse(0);
        Tunnel t = null;
        for (Tunnel candidate : tunnels.values()) {
            if (peerTunnelId != 0 && candidate.peerTunnelId() == peerTunnelId && candidate.peer().equals(peer)
                    && candidate.state() != TunnelState.CLOSED) {
                t = candidate;
                break;
            }
        }
        if (t == null) {
            counters.counter("l2tp.rx.stopccn_without_tunnel.unknown").increment();
            return;
        }
        counters.counter("l2tp.rx.stopccn_without_tunnel").increment();
        events.transmit(peer, L2tpCodec.encodeZlb(peerTunnelId, 0, SequenceNumbers.next(c.header().ns())));
        String result = stop.find(Avp.ResultCode.class).map(r -> " (result " + r.result() + ")").orElse("");
        log.log(Level.INFO, "l2tp.peer_lost_tunnel", "%s has no state of tunnel %d any more%s: tearing it down",
                peer, t.localTunnelId(), result);
        t.discard("the peer has no state of the tunnel" + result);
    }

    /**
     * 4.4.3: if we have our own SCCRQ outstanding to this peer, the lower Tie Breaker wins; a
     * request without one loses to one with. Returns true if the peer's SCCRQ must be dropped.
     */
    private boolean lostTieBreak(InetSocketAddress peer, ControlMessage sccrq) {
        OptionalLong theirs = sccrq.find(Avp.TieBreaker.class).map(tb -> OptionalLong.of(tb.value()))
                .orElse(OptionalLong.empty());
        for (Tunnel ours : List.copyOf(tunnels.values())) {
            OptionalLong mine = ours.peer().equals(peer) ? ours.pendingTieBreaker() : OptionalLong.empty();
            if (mine.isEmpty()) {
                continue;
            }
            int cmp = theirs.isEmpty() ? -1 : Long.compareUnsigned(mine.getAsLong(), theirs.getAsLong());
            counters.counter("l2tp.tunnel.tie_break").increment();
            if (cmp < 0) {
                return true; // we win: the peer discards its own request
            }
            ours.discard("lost the tie-breaker");
            if (cmp == 0) {
                return true; // equal values: both lose
            }
        }
        return false;
    }

    /** A one-off StopCCN for an SCCRQ we do not take on: no tunnel state is kept (it acks Ns). */
    private void refuse(InetSocketAddress peer, ControlPacket sccrq, StopCcnResult result, GeneralError error,
            String message) {
        int peerTunnelId = sccrq.message().flatMap(m -> m.find(Avp.AssignedTunnelId.class))
                .map(Avp.AssignedTunnelId::id).orElse(0);
        ControlMessage stop = ControlMessage.of(MessageType.StopCCN, new Avp.AssignedTunnelId(0),
                new Avp.ResultCode(result.code(), OptionalInt.of(error == null ? 0 : error.code()), message));
        events.transmit(peer, L2tpCodec.encodeControl(peerTunnelId, 0, 0,
                SequenceNumbers.next(sccrq.header().ns()), stop, null, random));
        log.log(Level.INFO, "l2tp.refused", "refused tunnel from %s: %s", peer, message);
    }

    private boolean admitTunnel(InetAddress address) {
        L2tpLimits l = config.limits();
        return tunnels.size() < l.maxTunnels()
                && tunnelsPerAddress.getOrDefault(address, 0) < l.maxTunnelsPerPeerAddress();
    }

    private void register(Tunnel t, PeerTunnel key) {
        tunnels.put(t.localTunnelId(), t);
        if (key != null) {
            byPeerTunnel.put(key, t);
        }
        tunnelsPerAddress.merge(t.peer().getAddress(), 1, Integer::sum);
        counters.counter("l2tp.tunnel.created").increment();
    }

    private final class Observer implements TunnelObserver {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { events.transmit(peer, datagram); }
        @Override public void tunnelUp(Tunnel t) { events.tunnelUp(t); }
        @Override public void tunnelDown(Tunnel t, String reason) { events.tunnelDown(t, reason); }

        @Override
        public void tunnelReleased(Tunnel t) {
            tunnels.remove(t.localTunnelId(), t);
            byPeerTunnel.remove(new PeerTunnel(t.peer(), t.peerTunnelId()), t);
            tunnelsPerAddress.computeIfPresent(t.peer().getAddress(), (a, n) -> n <= 1 ? null : n - 1);
            counters.counter("l2tp.tunnel.released").increment();
        }

        @Override
        public int allocateSessionId(Tunnel t) {
            L2tpLimits l = config.limits();
            if (sessions >= l.maxSessions() || t.sessionCount() >= l.maxSessionsPerTunnel()) {
                return 0;
            }
            int id = sessionIds.allocate(t::hasSession);
            if (id != 0) {
                sessions++;
            }
            return id;
        }

        @Override public void unknownSession(Tunnel t, int localSessionId) { unknownTunnelAnswers.session(t, localSessionId); }
        @Override public void sessionUp(Session s) { events.sessionUp(s); }
        @Override public void sessionData(Session s, ByteBuffer frame) { events.sessionData(s, frame); }

        @Override
        public void sessionDown(Session s, String reason) {
            sessions--;
            events.sessionDown(s, reason);
        }
    }
}
