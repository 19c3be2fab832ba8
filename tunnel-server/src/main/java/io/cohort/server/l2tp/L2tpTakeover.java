package io.cohort.server.l2tp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.session.L2tpSessionState;
import io.cohort.l2tp.tunnel.L2tpStateCodec;
import io.cohort.l2tp.tunnel.L2tpTunnelEssentialState;
import io.cohort.l2tp.tunnel.L2tpTunnelInitialState;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.server.cluster.UnitHandover;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * L2TP's part in a work unit changing hands (patent, figure 7): for a unit taken over, the
 * tunnels and sessions other members published under it ({@link L2tpStateKeys}) are decoded from
 * the {@link ReplicaStore} and resumed by the wiring on the engine thread, after which the stage
 * completes and the unit's packets are served; for a unit given up, its tunnels are let go of
 * silently. A record that does not decode, a session without all its parts, a tunnel the node
 * cannot take: counted ({@code l2tp.takeover.*}), logged at a limited rate without any state
 * content, skipped; the rest carries on.
 */
final class L2tpTakeover implements UnitHandover {
    /**
     * How far our data-message Ns jumps on a resumed call (RFC 2661 5.4: the peer takes it as lost
     * packets): more than one lazy publication interval's packets, well below half the number space.
     */
    static final int DATA_NS_JUMP = 4096;

    private final ReplicaStore replicas;
    private final Executor engine;
    private final L2tpSessionWiring wiring;
    private final RateLimitedLog log;
    private final Counter tunnelsResumed;
    private final Counter sessionsResumed;
    private final Counter undecodable;
    private final Counter incomplete;
    private final Counter refused;

    L2tpTakeover(ReplicaStore replicas, Executor engine, L2tpSessionWiring wiring, Counters counters,
                 RateLimitedLog log) {
        this.replicas = replicas;
        this.engine = engine;
        this.wiring = wiring;
        this.log = log;
        this.tunnelsResumed = counters.counter("l2tp.takeover.tunnels");
        this.sessionsResumed = counters.counter("l2tp.takeover.sessions");
        this.undecodable = counters.counter("l2tp.takeover.undecodable");
        this.incomplete = counters.counter("l2tp.takeover.incomplete");
        this.refused = counters.counter("l2tp.takeover.refused");
    }

    @Override
    public CompletionStage<?> takeOver(Set<WorkUnit> units) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.execute(() -> {
            try {
                for (WorkUnit unit : units) {
                    takeOver(unit);
                }
                wiring.publishNow();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public CompletionStage<?> release(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        return CompletableFuture.runAsync(() -> wiring.release(copy), engine);
    }

    private void takeOver(WorkUnit unit) {
        for (TunnelReplica t : decode(unit, replicas.unit(unit))) {
            try {
                sessionsResumed.add(wiring.resumeTunnel(t.state(), t.links(), why -> log.log(Level.WARNING,
                        "l2tp.takeover.session", "work unit %s: not taken over: %s", unit, why)));
                tunnelsResumed.increment();
            } catch (IllegalStateException e) {
                refused.increment();
                log.log(Level.WARNING, "l2tp.takeover.refused", "tunnel %d not taken over: %s",
                        t.state().initial().localTunnelId(), e.getMessage());
            }
        }
        replicas.forget(unit, L2tpStateKeys::isL2tp); // PPTP's records of the unit are PPTP's to rebuild
    }

    /** One tunnel's decoded state and its sessions' PPP links, by our session ID. */
    private record TunnelReplica(L2tpTunnelState state, Map<Integer, ResumableLink> links) {}

    /** The L2TP tunnels of one unit's replicas, each with the sessions whose every part decoded. */
    private List<TunnelReplica> decode(WorkUnit unit, SortedMap<StateKey, ReplicaStore.Replica> keys) {
        Map<Integer, L2tpTunnelInitialState> initials = new TreeMap<>();
        Map<Integer, L2tpTunnelEssentialState> essentials = new HashMap<>();
        Map<StateKey, SessionReplicaCodec.SessionInitial> sessionInitials = new TreeMap<>();
        Map<StateKey, SessionReplicaCodec.SessionEssential> sessionEssentials = new HashMap<>();
        for (Map.Entry<StateKey, ReplicaStore.Replica> e : keys.entrySet()) {
            StateKey key = e.getKey();
            byte[] state = e.getValue().state();
            switch (key.space()) {
                case L2tpStateKeys.TUNNEL_INITIAL -> decoded(unit, key,
                        L2tpStateCodec.decode(ByteBuffer.wrap(state), L2tpTunnelInitialState.class))
                        .ifPresent(s -> initials.put(L2tpStateKeys.tunnelIdOf(key), s));
                case L2tpStateKeys.TUNNEL_ESSENTIAL -> decoded(unit, key,
                        L2tpStateCodec.decode(ByteBuffer.wrap(state), L2tpTunnelEssentialState.class))
                        .ifPresent(s -> essentials.put(L2tpStateKeys.tunnelIdOf(key), s));
                case L2tpStateKeys.SESSION_INITIAL -> decoded(unit, key, SessionReplicaCodec.decodeInitial(state))
                        .ifPresent(s -> sessionInitials.put(key, s));
                case L2tpStateKeys.SESSION_ESSENTIAL -> decoded(unit, key, SessionReplicaCodec.decodeEssential(state))
                        .ifPresent(s -> sessionEssentials.put(key, s));
                default -> { } // another protocol's state in the same unit
            }
        }
        List<TunnelReplica> tunnels = new ArrayList<>();
        for (Map.Entry<Integer, L2tpTunnelInitialState> t : initials.entrySet()) {
            int tunnelId = t.getKey();
            L2tpTunnelEssentialState essential = essentials.remove(tunnelId);
            if (essential == null || t.getValue().localTunnelId() != tunnelId) {
                incomplete.increment();
                continue;
            }
            List<L2tpSessionState> calls = new ArrayList<>();
            Map<Integer, ResumableLink> links = new HashMap<>();
            for (Map.Entry<StateKey, SessionReplicaCodec.SessionInitial> s : sessionInitials.entrySet()) {
                if (L2tpStateKeys.tunnelIdOf(s.getKey()) != tunnelId) {
                    continue;
                }
                SessionReplicaCodec.SessionInitial si = s.getValue();
                SessionReplicaCodec.SessionEssential se = sessionEssentials.get(
                        L2tpStateKeys.sessionEssential(tunnelId, si.l2tp().localSessionId()));
                if (se == null) {
                    incomplete.increment();
                    continue;
                }
                calls.add(new L2tpSessionState(si.l2tp(), se.l2tp(), se.dataSequence().resumedAfter(DATA_NS_JUMP)));
                links.put(si.l2tp().localSessionId(), new ResumableLink(si.ppp(), se.ppp()));
            }
            tunnels.add(new TunnelReplica(new L2tpTunnelState(t.getValue(), essential, calls), links));
        }
        incomplete.add(essentials.size());
        return tunnels;
    }

    private <T> Optional<T> decoded(WorkUnit unit, StateKey key, DecodeResult<T, ?> result) {
        return switch (result) {
            case DecodeResult.Decoded<T, ?> d -> Optional.of(d.value());
            case DecodeResult.Malformed<T, ?> m -> {
                undecodable.increment();
                log.log(Level.WARNING, "l2tp.takeover.undecodable", "work unit %s, key %s: %s (%s)", unit, key,
                        m.error(), m.detail());
                yield Optional.empty();
            }
        };
    }
}
