package io.cohort.server.l2tp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.session.L2tpSessionState;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.L2tpStateCodec;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.registry.Traffic;
import io.cohort.server.sessions.PppSession;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Publishes the state of this member's L2TP tunnels and sessions under their tunnel's work unit
 * (patent, figure 7; keys in {@link L2tpStateKeys}), on the engine thread:
 *
 * <ul>
 *   <li>initial state once: a tunnel's when it is up, a session's when its PPP link reached the
 *       Network phase with an address (a session still being set up is not worth keeping: its
 *       client starts over);
 *   <li>essential state on every control-state change: whenever a control message (ZLB and HELLO
 *       included) is sent or received, which is when Ns, Nr or the unacknowledged messages move
 *       (RFC 2661 5.8); the tunnel's state is read after the datagram was handled (or, for a
 *       message a timer sent, at once after the timer), and put only if its encoding changed;
 *   <li>per-packet counters (data Ns, MPPE coherency counts) lazily: every {@link #SWEEP_INTERVAL}
 *       the sessions whose traffic moved are read again and put if their encoding changed;
 *   <li>removal when a tunnel or session ends.
 * </ul>
 */
final class L2tpStatePublication {
    /** How often sessions whose packets moved their counters are republished (DESIGN.md, "State": lazily). */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);

    private final UnitStatePublisher publisher;
    private final Scheduler scheduler;
    private final Function<TunnelHandle, Optional<L2tpTunnelState>> states;
    private final Map<Integer, PublishedTunnel> tunnels = new HashMap<>();
    private final Map<PeerTunnel, PublishedTunnel> byPeerTunnel = new HashMap<>();
    /** By our tunnel ID in bits 16-31 and session ID in bits 0-15. */
    private final Map<Long, PublishedSession> sessions = new HashMap<>();
    private final Set<PublishedTunnel> dirty = new LinkedHashSet<>();
    private final Counter puts;
    private final Counter removals;
    private boolean receiving;
    private Timer flushTask;
    private Timer sweepTask;

    /** The peer's address and its tunnel ID: what identifies a tunnel in what we send. */
    private record PeerTunnel(InetSocketAddress peer, int peerTunnelId) {}

    private static final class PublishedTunnel {
        final TunnelHandle handle;
        final WorkUnit unit;
        boolean initialSent;
        byte[] essential;

        PublishedTunnel(TunnelHandle handle) {
            this.handle = handle;
            this.unit = TunnelUnits.ofTunnel(handle.localTunnelId());
        }
    }

    private static final class PublishedSession {
        final PppSession<SessionHandle> session;
        /** The link's initial state as it was when it came up, until it is sent (it holds the MPPE master key). */
        PppLinkInitialState linkInitial;
        byte[] essential;
        Traffic traffic;
        /** Whether its essential state may have changed since it was last encoded. */
        boolean due = true;

        PublishedSession(PppSession<SessionHandle> session) {
            this.session = session;
            this.linkInitial = session.link().initialState();
        }
    }

    /** {@code states} reads a tunnel's replicable state from the node (empty once it is gone). */
    L2tpStatePublication(UnitStatePublisher publisher, Scheduler scheduler,
                         Function<TunnelHandle, Optional<L2tpTunnelState>> states, Counters counters) {
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.states = states;
        this.puts = counters.counter("l2tp.replication.puts");
        this.removals = counters.counter("l2tp.replication.removals");
    }

    /** Starts the lazy sweep. */
    void start() {
        sweepTask = scheduler.schedule(SWEEP_INTERVAL, this::sweep);
    }

    /** Stops the timers; what was published stays published. */
    void stop() {
        if (sweepTask != null) {
            sweepTask.cancel();
        }
        if (flushTask != null) {
            flushTask.cancel();
        }
    }

    /** Runs {@code receive} (the node handling one datagram), then publishes what it changed. */
    void receiving(Runnable receive) {
        receiving = true;
        try {
            receive.run();
        } finally {
            receiving = false;
        }
        flush();
    }

    /** A datagram we send: a control message moves its tunnel's Ns or Nr (RFC 2661 5.8). */
    void sending(InetSocketAddress peer, ByteBuffer datagram) {
        if (datagram.remaining() == 0 || (datagram.get(datagram.position()) & 0x80) == 0) {
            return; // T bit clear: a data message (RFC 2661 3.1)
        }
        Optional<L2tpHeader> header = L2tpCodec.peekHeader(datagram);
        if (header.isPresent()) {
            PublishedTunnel t = byPeerTunnel.get(new PeerTunnel(peer, header.get().tunnelId()));
            if (t != null) {
                changed(t);
            }
        }
    }

    /**
     * A control message for our tunnel {@code localTunnelId} arrived, for our session
     * {@code localSessionId} if not 0: the tunnel's Nr moved, and a session's state may have (WEN,
     * SLI: RFC 2661 6.13, 6.14). What an LNS sends changes no published session's state: a CDN
     * ends the session, the rest precede its publication.
     */
    void received(int localTunnelId, int localSessionId) {
        PublishedTunnel t = tunnels.get(localTunnelId);
        if (t == null) {
            return;
        }
        if (localSessionId != 0) {
            PublishedSession s = sessions.get(id(localTunnelId, localSessionId));
            if (s != null) {
                s.due = true;
            }
        }
        changed(t);
    }

    /** {@code tunnel} is up (set up here or taken over): its state is published from now on. */
    void tunnelUp(TunnelHandle tunnel) {
        PublishedTunnel t = new PublishedTunnel(tunnel);
        tunnels.put(tunnel.localTunnelId(), t);
        byPeerTunnel.put(new PeerTunnel(tunnel.peer(), tunnel.peerTunnelId()), t);
        changed(t);
    }

    /**
     * {@code session}'s link is in the Network phase with an address (or was taken over): its
     * initial state is read now, when the link is known to be up.
     */
    void sessionUp(PppSession<SessionHandle> session) {
        PublishedTunnel t = tunnels.get(session.handle().localTunnelId());
        if (t == null) {
            return; // its tunnel is not published: neither is the session
        }
        sessions.put(id(session.handle()), new PublishedSession(session));
        changed(t);
    }

    /** {@code session} ended: its keys are removed. */
    void sessionDown(SessionHandle session) {
        PublishedSession s = sessions.get(id(session));
        if (s == null || s.session.handle() != session) {
            return;
        }
        sessions.remove(id(session));
        WorkUnit unit = TunnelUnits.ofTunnel(session.localTunnelId());
        publisher.remove(unit, L2tpStateKeys.sessionInitial(session.localTunnelId(), session.localSessionId()));
        publisher.remove(unit, L2tpStateKeys.sessionEssential(session.localTunnelId(), session.localSessionId()));
        removals.add(2);
    }

    /** {@code tunnel} ended, or was given up: its keys and its sessions' are removed. */
    void tunnelDown(TunnelHandle tunnel) {
        PublishedTunnel t = tunnels.get(tunnel.localTunnelId());
        if (t == null || t.handle != tunnel) {
            return;
        }
        for (PublishedSession s : List.copyOf(sessions.values())) {
            if (s.session.handle().localTunnelId() == tunnel.localTunnelId()) {
                sessionDown(s.session.handle());
            }
        }
        tunnels.remove(tunnel.localTunnelId());
        byPeerTunnel.remove(new PeerTunnel(tunnel.peer(), tunnel.peerTunnelId()), t);
        dirty.remove(t);
        publisher.remove(t.unit, L2tpStateKeys.tunnelInitial(tunnel.localTunnelId()));
        publisher.remove(t.unit, L2tpStateKeys.tunnelEssential(tunnel.localTunnelId()));
        removals.add(2);
    }

    /** {@code tunnel} and its sessions are no longer this member's: forgotten, nothing removed. */
    void forget(TunnelHandle tunnel) {
        PublishedTunnel t = tunnels.remove(tunnel.localTunnelId());
        if (t == null) {
            return;
        }
        byPeerTunnel.remove(new PeerTunnel(tunnel.peer(), tunnel.peerTunnelId()), t);
        dirty.remove(t);
        sessions.values().removeIf(s -> s.session.handle().localTunnelId() == tunnel.localTunnelId());
    }

    int publishedTunnels() {
        return tunnels.size();
    }

    int publishedSessions() {
        return sessions.size();
    }

    private void changed(PublishedTunnel t) {
        dirty.add(t);
        if (!receiving && flushTask == null) {
            flushTask = scheduler.schedule(Duration.ZERO, this::flush);
        }
    }

    /**
     * Publishes what changed in the dirty tunnels: initial state not yet sent, essential state that
     * moved (of the tunnel, and of its sessions that are due).
     */
    void flush() {
        if (flushTask != null) {
            flushTask.cancel();
            flushTask = null;
        }
        while (!dirty.isEmpty()) {
            PublishedTunnel t = dirty.iterator().next();
            dirty.remove(t);
            states.apply(t.handle).ifPresent(state -> publish(t, state, true));
        }
    }

    private void sweep() {
        Set<PublishedTunnel> moved = new LinkedHashSet<>();
        for (PublishedSession s : sessions.values()) {
            Traffic now = s.session.row().traffic().snapshot();
            if (!now.equals(s.traffic)) {
                s.traffic = now;
                s.due = true;
                PublishedTunnel t = tunnels.get(s.session.handle().localTunnelId());
                if (t != null) {
                    moved.add(t);
                }
            }
        }
        for (PublishedTunnel t : moved) {
            states.apply(t.handle).ifPresent(state -> publish(t, state, false));
        }
        sweepTask = scheduler.schedule(SWEEP_INTERVAL, this::sweep);
    }

    private void publish(PublishedTunnel t, L2tpTunnelState state, boolean withTunnel) {
        int tunnelId = t.handle.localTunnelId();
        if (withTunnel) {
            if (!t.initialSent) {
                put(t.unit, L2tpStateKeys.tunnelInitial(tunnelId), L2tpStateCodec.encode(state.initial()));
                t.initialSent = true;
            }
            byte[] essential = L2tpStateCodec.encode(state.essential());
            if (!Arrays.equals(essential, t.essential)) {
                t.essential = essential;
                put(t.unit, L2tpStateKeys.tunnelEssential(tunnelId), essential.clone());
            }
        }
        for (L2tpSessionState call : state.sessions()) {
            PublishedSession s = sessions.get(id(tunnelId, call.initial().localSessionId()));
            if (s != null && s.due) {
                publish(t.unit, tunnelId, s, call);
            }
        }
    }

    private void publish(WorkUnit unit, int tunnelId, PublishedSession s, L2tpSessionState call) {
        PppLink link = s.session.link();
        int sessionId = call.initial().localSessionId();
        if (s.linkInitial != null) {
            put(unit, L2tpStateKeys.sessionInitial(tunnelId, sessionId), SessionReplicaCodec.encode(
                    new SessionReplicaCodec.SessionInitial(call.initial(), s.linkInitial)));
            s.linkInitial = null;
        }
        s.due = false;
        byte[] essential = SessionReplicaCodec.encode(new SessionReplicaCodec.SessionEssential(call.essential(),
                call.dataSequence(), link.essentialState()));
        if (!Arrays.equals(essential, s.essential)) {
            s.essential = essential;
            put(unit, L2tpStateKeys.sessionEssential(tunnelId, sessionId), essential.clone());
        }
    }

    private static long id(SessionHandle s) {
        return id(s.localTunnelId(), s.localSessionId());
    }

    private static long id(int tunnelId, int sessionId) {
        return (long) tunnelId << 16 | sessionId;
    }

    private void put(WorkUnit unit, StateKey key, byte[] state) {
        publisher.put(unit, key, state);
        puts.increment();
    }
}
