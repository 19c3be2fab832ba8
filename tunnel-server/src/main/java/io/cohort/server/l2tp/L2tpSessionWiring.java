package io.cohort.server.l2tp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.cluster.UnitTally;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.TunnelEntry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.registry.TunnelState;
import io.cohort.server.sessions.ForeignAddressRoutes;
import io.cohort.server.sessions.PppSession;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * L2TP ⇄ PPP on the engine thread: every L2TP session that comes up gets a server-role
 * {@link PppLink}; frames flow both ways; whichever side goes down first takes the other down
 * (a dead PPP link clears its call with CDN, a cleared call closes its link). Tunnel and session
 * rows of the {@link SessionRegistry} are kept here.
 *
 * <p>Replication (patent, figure 7): the state of every tunnel that is up and every session whose
 * link reached the Network phase is published through {@link L2tpStatePublication}; a tunnel taken
 * over from another member's state is {@linkplain #resumeTunnel resumed} here, and the tunnels of
 * work units given up are {@linkplain #release let go of} without a word to the peer.
 */
final class L2tpSessionWiring implements L2tpEvents, PppSession.Owner<SessionHandle> {
    private static final Logger LOG = Logger.getLogger(L2tpSessionWiring.class.getName());

    private final SessionRegistry registry;
    private final Ipv4Pool pool;
    private final PppLinkConfig pppConfig;
    private final Scheduler scheduler;
    private final Executor engine;
    private final Ipv4Dispatcher dispatcher;
    private final BiConsumer<InetSocketAddress, ByteBuffer> udp;
    private final Map<TunnelKey, TunnelHandle> tunnels = new HashMap<>();
    private final Map<SessionKey, PppSession<SessionHandle>> sessions = new HashMap<>();
    /**
     * The same sessions by the engine's handle (one object per call for its whole life): the
     * data path looks up every frame, and this costs no key allocation.
     */
    private final Map<SessionHandle, PppSession<SessionHandle>> byHandle = new IdentityHashMap<>();
    /** Links whose L2TP session is gone but whose LCP is still terminating. */
    private final List<PppSession<SessionHandle>> closing = new ArrayList<>();
    /** Sessions taken over at an address outside our pool, routed onto the TUN by a host route. */
    private final Counter framesDropped;
    private final Counter unrouted;
    private final Counter sessionsNotResumed;
    private final UnitStatePublisher publisher;
    private final ForeignAddressRoutes<Object> foreignRoutes;
    private final Counters counters;
    private L2tpNode node;
    private L2tpStatePublication publication;
    private final UnitTally tally = new UnitTally();

    /**
     * {@code udp} sends a datagram from the listening socket (on the engine thread); tunnel and
     * session state goes to {@code publisher}; {@code foreignRoutes} route addresses of sessions taken
     * over from outside our pool.
     */
    L2tpSessionWiring(SessionRegistry registry, Ipv4Pool pool, PppLinkConfig pppConfig, Scheduler scheduler,
                      Executor engine, Ipv4Dispatcher dispatcher, BiConsumer<InetSocketAddress, ByteBuffer> udp,
                      Counters counters, UnitStatePublisher publisher, ForeignAddressRoutes<Object> foreignRoutes) {
        this.publisher = Objects.requireNonNull(publisher);
        this.foreignRoutes = Objects.requireNonNull(foreignRoutes);
        this.counters = counters;
        this.sessionsNotResumed = counters.counter("l2tp.takeover.sessions.not_resumed");
        this.registry = Objects.requireNonNull(registry);
        this.pool = Objects.requireNonNull(pool);
        this.pppConfig = Objects.requireNonNull(pppConfig);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.engine = Objects.requireNonNull(engine);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.udp = Objects.requireNonNull(udp);
        this.framesDropped = counters.counter("session.rx.frames.dropped.no_link");
        this.unrouted = counters.counter("session.rx.packets.dropped.unrouted");
    }

    /** The node this wiring serves; set once, before any datagram arrives. */
    void attach(L2tpNode l2tpNode) {
        if (node != null) {
            throw new IllegalStateException("already attached");
        }
        node = Objects.requireNonNull(l2tpNode);
        publication = new L2tpStatePublication(publisher, scheduler, l2tpNode::failoverState, counters);
        publication.start();
    }

    /** A datagram from the UDP socket. */
    void receive(InetSocketAddress peer, ByteBuffer datagram) {
        L2tpHeader control = controlHeader(datagram);
        if (control == null) {
            node.receive(peer, datagram); // data (or garbage): no control state moves, nothing to publish
            return;
        }
        publication.receiving(() -> {
            node.receive(peer, datagram);
            publication.received(control.tunnelId(), control.sessionId());
        });
    }

    /** A control message's header (RFC 2661 3.1, T bit set); null for data or garbage. */
    private static L2tpHeader controlHeader(ByteBuffer datagram) {
        if (datagram.remaining() == 0 || (datagram.get(datagram.position()) & 0x80) == 0) {
            return null;
        }
        return L2tpCodec.peekHeader(datagram).orElse(null);
    }

    /** The node this wiring drives (engine thread only). */
    L2tpNode node() {
        return node;
    }

    /** What is being published (for tests). */
    L2tpStatePublication publication() {
        return publication;
    }

    int sessionCount() {
        return sessions.size();
    }

    /** Clears every tunnel (StopCCN, best effort) and gives back every address still held. */
    void closeAll(String reason) {
        publication.stop();
        for (TunnelHandle t : List.copyOf(tunnels.values())) {
            node.closeTunnel(t, reason);
        }
        for (PppSession<SessionHandle> s : List.copyOf(sessions.values())) {
            s.lowerLayerDown(reason);
        }
        // Links still terminating would release their address when LCP finishes; the engine stops
        // now and no new address is handed out any more, so give them back here.
        List<PppSession<SessionHandle>> left = new ArrayList<>(sessions.values());
        left.addAll(closing);
        left.forEach(s -> s.assignedAddress().ifPresent(pool::release));
        sessions.keySet().forEach(registry::removeSession);
        tunnels.keySet().forEach(registry::removeTunnel);
        sessions.clear();
        byHandle.clear();
        closing.clear();
        tunnels.values().forEach(t -> tally.remove(TunnelUnits.ofTunnel(t.localTunnelId())));
        tunnels.clear();
    }

    /** The tunnels held per work unit (which units are busy, for the cluster). */
    UnitTally tally() {
        return tally;
    }

    @Override
    public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
        publication.sending(peer, datagram);
        udp.accept(peer, datagram);
    }

    @Override
    public void tunnelUp(TunnelHandle tunnel) {
        TunnelKey key = key(tunnel);
        registry.addTunnel(key, tunnel.peerTunnelId(), tunnel.peer()).state(TunnelState.ESTABLISHED);
        if (tunnels.put(key, tunnel) == null) {
            tally.add(TunnelUnits.ofTunnel(tunnel.localTunnelId()));
        }
        publication.tunnelUp(tunnel);
        LOG.info(() -> "tunnel " + tunnel.localTunnelId() + " up with " + tunnel.peer() + " ("
                + tunnel.peerHostName() + ")");
    }

    @Override
    public void tunnelDown(TunnelHandle tunnel, String reason) {
        TunnelKey key = key(tunnel);
        for (PppSession<SessionHandle> s : List.copyOf(sessions.values())) {
            if (s.handle().localTunnelId() == tunnel.localTunnelId()) {
                sessionDown(s.handle(), reason);
            }
        }
        registry.tunnel(key).ifPresent(t -> t.state(TunnelState.CLOSING));
        registry.removeTunnel(key);
        if (tunnels.remove(key) != null) {
            tally.remove(TunnelUnits.ofTunnel(tunnel.localTunnelId()));
        }
        publication.tunnelDown(tunnel);
        LOG.info(() -> "tunnel " + tunnel.localTunnelId() + " with " + tunnel.peer() + " down: " + reason);
    }

    @Override
    public void sessionUp(SessionHandle session) {
        SessionKey key = key(session);
        TunnelEntry tunnelRow = registry.tunnel(key.tunnel()).orElseThrow(
                () -> new IllegalStateException("session " + key + " up in a tunnel that never came up"));
        SessionEntry row = registry.addSession(key, session.peerSessionId());
        PppSession<SessionHandle> s = new PppSession<>(session, row, tunnelRow.traffic(), dispatcher, this);
        sessions.put(key, s);
        byHandle.put(session, s);
        s.open(new PppLink(pppConfig, scheduler, engine, s));
    }

    @Override
    public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
        PppSession<SessionHandle> s = byHandle.get(session);
        if (s == null) {
            framesDropped.increment();
            return;
        }
        s.receiveFrame(pppFrame);
    }

    @Override
    public void sessionDown(SessionHandle session, String reason) {
        SessionKey key = key(session);
        PppSession<SessionHandle> s = sessions.remove(key);
        byHandle.remove(session);
        registry.removeSession(key);
        publication.sessionDown(session);
        if (s != null) {
            closing.add(s);
            s.lowerLayerDown(reason);
        }
    }

    @Override
    public boolean sendFrame(SessionHandle session, ByteBuffer frame) {
        return node.sendData(session, frame);
    }

    @Override
    public void linkDown(PppSession<SessionHandle> session, String reason) {
        closing.remove(session);
        foreignRoutes.linkDown(session);
        SessionKey key = key(session.handle());
        if (sessions.remove(key, session)) {
            byHandle.remove(session.handle(), session);
            registry.removeSession(key);
            publication.sessionDown(session.handle());
            node.closeSession(session.handle(), reason);
        }
        LOG.info(() -> "session " + key.tunnel().localId() + "/" + key.localId() + " down: " + reason);
    }

    @Override
    public void unrouted() {
        unrouted.increment();
    }

    @Override
    public void networkUp(PppSession<SessionHandle> session) {
        if (sessions.get(key(session.handle())) == session) {
            publication.sessionUp(session);
        }
    }

    /**
     * Takes over a tunnel from another member's state (patent, figure 7): the node rebuilds it
     * and its calls (nothing is sent), and each call's PPP link is resumed from {@code links} (by
     * our session ID) at its address, claimed in the pool (a foreign lease and a host route if it
     * is outside our pool). A call whose link cannot be resumed is cleared with CDN, counted, and
     * told to {@code notResumed} with the reason (no state content). The tunnel and its sessions
     * are published as this member's. Returns how many sessions carry on.
     *
     * @throws IllegalStateException if the node cannot take the tunnel (its ID in use, limits)
     */
    int resumeTunnel(L2tpTunnelState state, Map<Integer, ResumableLink> links, Consumer<String> notResumed) {
        TunnelHandle tunnel = node.restoreTunnel(state);
        TunnelKey key = key(tunnel);
        TunnelEntry tunnelRow = registry.addTunnel(key, tunnel.peerTunnelId(), tunnel.peer());
        tunnelRow.state(TunnelState.ESTABLISHED);
        if (tunnels.put(key, tunnel) == null) {
            tally.add(TunnelUnits.ofTunnel(tunnel.localTunnelId()));
        }
        publication.tunnelUp(tunnel);
        int resumed = 0;
        for (SessionHandle session : node.sessions(tunnel)) {
            ResumableLink link = links.get(session.localSessionId());
            String failure = link == null ? "no PPP state" : resumeSession(session, tunnelRow, link);
            if (failure == null) {
                resumed++;
            } else {
                sessionsNotResumed.increment();
                notResumed.accept("session " + session.localTunnelId() + "/" + session.localSessionId() + ": "
                        + failure);
                node.closeSession(session, "its PPP link could not be resumed");
            }
        }
        LOG.info(() -> "tunnel " + tunnel.localTunnelId() + " with " + tunnel.peer() + " taken over");
        return resumed;
    }

    /** Resumes one call's PPP link; null if it carries on, else why not. */
    private String resumeSession(SessionHandle session, TunnelEntry tunnelRow, ResumableLink replica) {
        Inet4Address address = replica.initial().ipcp().peerAddress();
        String user = replica.initial().user().orElse("");
        if (!pool.claim(address, user)) {
            return "its address " + address.getHostAddress() + " is held by another user here";
        }
        if (!foreignRoutes.route(address)) {
            pool.release(address);
            return "no route for its address " + address.getHostAddress();
        }
        SessionKey key = key(session);
        PppSession<SessionHandle> s = new PppSession<>(session, registry.addSession(key, session.peerSessionId()),
                tunnelRow.traffic(), dispatcher, this);
        PppLink link;
        try {
            link = PppLink.resume(pppConfig, scheduler, engine, s, replica.initial(), replica.essential());
        } catch (IllegalArgumentException e) {
            registry.removeSession(key);
            pool.release(address);
            foreignRoutes.unroute(address);
            return e.getMessage(); // which records do not fit our PPP configuration, no content
        }
        link.jumpMppeCountsAhead(MPPE_COUNT_JUMP);
        s.resume(link);
        sessions.put(key, s);
        byHandle.put(session, s);
        foreignRoutes.resumed(s, address, replica.initial().ipcp().ourAddress());
        publication.sessionUp(s);
        return null;
    }

    /**
     * How far our MPPE coherency count jumps on a resumed link (RFC 3078 8.1: the peer takes it
     * for lost packets): more than the packets one lazy publication interval may have sent.
     */
    static final int MPPE_COUNT_JUMP = 1024;

    /** Publishes what the takeovers changed now, rather than after the engine's current task. */
    void publishNow() {
        publication.flush();
    }

    /**
     * Lets go of every tunnel in {@code units} and its sessions, without a word to the peer (no
     * StopCCN, CDN or LCP Terminate-Request; no more HELLOs): their new owner carries on. Their
     * addresses go back to the pool and their registry rows go; their published state is left to
     * the new owner.
     */
    void release(Set<WorkUnit> units) {
        for (TunnelHandle tunnel : List.copyOf(tunnels.values())) {
            if (!units.contains(TunnelUnits.ofTunnel(tunnel.localTunnelId()))) {
                continue;
            }
            publication.forget(tunnel);
            List<PppSession<SessionHandle>> links = new ArrayList<>();
            for (PppSession<SessionHandle> s : List.copyOf(sessions.values())) {
                if (s.handle().localTunnelId() == tunnel.localTunnelId()) {
                    SessionKey key = key(s.handle());
                    sessions.remove(key);
                    byHandle.remove(s.handle());
                    registry.removeSession(key);
                    links.add(s);
                }
            }
            node.abandonTunnel(tunnel, "work unit given up");
            links.forEach(s -> s.link().abandon("work unit given up"));
            counters.counter("l2tp.tunnel.released_to_other_member").increment();
        }
        // After the last put for these units: the new owner publishes them anew.
        publisher.forget(units);
    }

    private static TunnelKey key(TunnelHandle t) {
        return new TunnelKey(TunnelProtocol.L2TP, t.localTunnelId());
    }

    private static SessionKey key(SessionHandle s) {
        return new SessionKey(new TunnelKey(TunnelProtocol.L2TP, s.localTunnelId()), s.localSessionId());
    }
}
