package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.TunnelEntry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.registry.TunnelState;
import io.cohort.server.sessions.PppSession;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * L2TP ⇄ PPP on the engine thread: every L2TP session that comes up gets a server-role
 * {@link PppLink}; frames flow both ways; whichever side goes down first takes the other down
 * (a dead PPP link clears its call with CDN, a cleared call closes its link). Tunnel and session
 * rows of the {@link SessionRegistry} are kept here.
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
    private final Counter framesDropped;
    private final Counter unrouted;
    private L2tpNode node;

    /** {@code udp} sends a datagram from the listening socket (on the engine thread). */
    L2tpSessionWiring(SessionRegistry registry, Ipv4Pool pool, PppLinkConfig pppConfig, Scheduler scheduler,
                      Executor engine, Ipv4Dispatcher dispatcher, BiConsumer<InetSocketAddress, ByteBuffer> udp,
                      Counters counters) {
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
    }

    /** A datagram from the UDP socket. */
    void receive(InetSocketAddress peer, ByteBuffer datagram) {
        node.receive(peer, datagram);
    }

    int sessionCount() {
        return sessions.size();
    }

    /** Clears every tunnel (StopCCN, best effort) and gives back every address still held. */
    void closeAll(String reason) {
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
        tunnels.clear();
    }

    @Override
    public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
        udp.accept(peer, datagram);
    }

    @Override
    public void tunnelUp(TunnelHandle tunnel) {
        TunnelKey key = key(tunnel);
        registry.addTunnel(key, tunnel.peerTunnelId(), tunnel.peer()).state(TunnelState.ESTABLISHED);
        tunnels.put(key, tunnel);
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
        tunnels.remove(key);
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
        SessionKey key = key(session.handle());
        if (sessions.remove(key, session)) {
            byHandle.remove(session.handle(), session);
            registry.removeSession(key);
            node.closeSession(session.handle(), reason);
        }
        LOG.info(() -> "session " + key.tunnel().localId() + "/" + key.localId() + " down: " + reason);
    }

    @Override
    public void unrouted() {
        unrouted.increment();
    }

    private static TunnelKey key(TunnelHandle t) {
        return new TunnelKey(TunnelProtocol.L2TP, t.localTunnelId());
    }

    private static SessionKey key(SessionHandle s) {
        return new SessionKey(new TunnelKey(TunnelProtocol.L2TP, s.localTunnelId()), s.localSessionId());
    }
}
