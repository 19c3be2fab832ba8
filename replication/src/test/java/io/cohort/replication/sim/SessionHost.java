package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A member's sessions, as a protocol in {@code tunnel-server} keeps them (its {@code UnitOwnership}
 * and {@code UnitHandover}): units assigned are taken over first, on the member's loop and taking
 * a while, by rebuilding their sessions from the replica store, publishing them as its own and
 * forgetting those replicas, and only then served; units revoked stop being served at once and
 * their state is forgotten unpublished. Changes of ownership take effect in the order they came.
 * It serves a unit while it took it over and its node serves it (owns it under a valid lease);
 * meanwhile its sessions change, begin and end, and now and then it asks for a barrier.
 */
final class SessionHost implements ClusterApplication {
    /** The key space of the simulated sessions (any will do: state is opaque to replication). */
    private static final int SPACE = 1;

    private final MemberId self;
    private final Supplier<ClusterNode> node;
    private final MemberLoop loop;
    private final SimReplication replication;
    private final StateLedger ledger;
    private final Supplier<Set<MemberId>> running;
    private final SplittableRandom random;
    private final Duration takeoverTime;
    private final Map<WorkUnit, Map<StateKey, SessionStamp>> sessions = new TreeMap<>();
    private final Map<UnitKey, SessionStamp> removed = new HashMap<>();
    private final Set<WorkUnit> takenOver = new TreeSet<>();
    private final ArrayDeque<Consumer<Runnable>> changes = new ArrayDeque<>();
    private boolean changing;
    private boolean active = true;

    SessionHost(MemberId self, Supplier<ClusterNode> node, MemberLoop loop, SimReplication replication,
                StateLedger ledger, Supplier<Set<MemberId>> running, long seed, Duration takeoverTime) {
        this.self = self;
        this.node = node;
        this.loop = loop;
        this.replication = replication;
        this.ledger = ledger;
        this.running = running;
        this.random = new SplittableRandom(seed);
        this.takeoverTime = takeoverTime;
    }

    /** Starts changing sessions now and then. */
    void start(Duration meanInterval) {
        loop.schedule(Duration.ofNanos(random.nextLong(meanInterval.toNanos() * 2 + 1)), () -> {
            if (active) {
                act();
            }
            start(meanInterval);
        });
    }

    /** Sessions stop changing (the faults are over: what is published should converge). */
    void quiesce() {
        active = false;
    }

    /** Whether this member serves {@code unit} now: it took it over and owns it under a valid lease. */
    boolean serves(WorkUnit unit) {
        ClusterNode n = node.get();
        return takenOver.contains(unit) && n != null && n.serves(unit);
    }

    /** The sessions of a unit it took over, by key. */
    Map<StateKey, SessionStamp> sessions(WorkUnit unit) {
        return Map.copyOf(sessions.getOrDefault(unit, Map.of()));
    }

    /** Units carrying sessions move one at a time, with their state (cluster README, "Work units"). */
    @Override
    public boolean unitBusy(WorkUnit unit) {
        return !sessions.getOrDefault(unit, Map.of()).isEmpty();
    }

    @Override
    public void roleChanged(Role role) {
        refreshPeers();
    }

    @Override
    public void memberJoined(MemberId member) {
        refreshPeers();
    }

    @Override
    public void memberLeft(MemberId member) {
        refreshPeers();
    }

    @Override
    public void unitsAssigned(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        change(done -> loop.schedule(takeoverTime, () -> {
            new TreeSet<>(copy).forEach(this::takeOver);
            done.run();
        }));
    }

    @Override
    public void unitsRevoked(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        change(done -> {
            takenOver.removeAll(copy);
            copy.forEach(sessions::remove);
            removed.keySet().removeIf(k -> copy.contains(k.unit()));
            replication.forget(copy);
            done.run();
        });
    }

    private void refreshPeers() {
        ClusterNode n = node.get();
        if (n != null && !loop.dead()) {
            replication.peers(n.view().members().stream().map(MemberEntry::id).filter(id -> !id.equals(self))
                    .collect(Collectors.toSet()));
        }
    }

    private void change(Consumer<Runnable> next) {
        if (loop.dead()) {
            return;
        }
        changes.add(next);
        if (!changing) {
            runNextChange();
        }
    }

    private void runNextChange() {
        Consumer<Runnable> next = changes.poll();
        changing = next != null;
        if (next != null) {
            next.accept(this::runNextChange);
        }
    }

    private void takeOver(WorkUnit unit) {
        ReplicaStore store = replication.store();
        Map<StateKey, SessionStamp> rebuilt = new TreeMap<>();
        store.unit(unit).forEach((key, replica) -> rebuilt.put(key, SessionStamp.decode(replica.state())));
        long era = ledger.tookOver(self, unit, rebuilt, running.get());
        Map<StateKey, SessionStamp> mine = new TreeMap<>();
        rebuilt.forEach((key, stamp) -> {
            SessionStamp republished = new SessionStamp(era, stamp.version());
            mine.put(key, republished);
            publish(unit, key, republished);
        });
        sessions.put(unit, mine);
        store.forget(unit);
        takenOver.add(unit);
    }

    private void act() {
        List<WorkUnit> served = takenOver.stream().filter(this::serves).toList();
        if (served.isEmpty()) {
            return;
        }
        WorkUnit unit = served.get(random.nextInt(served.size()));
        Map<StateKey, SessionStamp> unitSessions = sessions.get(unit);
        int roll = random.nextInt(100);
        if (roll < 8) {
            barrier();
        } else if (roll < 20 || unitSessions.isEmpty()) {
            StateKey key = new StateKey(SPACE, ledger.newSession());
            SessionStamp first = new SessionStamp(ledger.era(unit), 1);
            unitSessions.put(key, first);
            publish(unit, key, first);
        } else {
            List<StateKey> keys = new ArrayList<>(unitSessions.keySet());
            StateKey key = keys.get(random.nextInt(keys.size()));
            SessionStamp next = new SessionStamp(ledger.era(unit), unitSessions.get(key).version() + 1);
            if (roll < 30) {
                unitSessions.remove(key);
                removed.put(new UnitKey(unit, key), next);
                replication.remove(unit, key);
                ledger.published(self, new UnitKey(unit, key), next, true);
            } else {
                unitSessions.put(key, next);
                publish(unit, key, next);
            }
        }
    }

    private void publish(WorkUnit unit, StateKey key, SessionStamp stamp) {
        replication.put(unit, key, stamp.encode());
        ledger.published(self, new UnitKey(unit, key), stamp, false);
    }

    /** {@code flushed()}: each peer that acknowledges it has every stamp published before. */
    private void barrier() {
        Map<UnitKey, SessionStamp> covered = new HashMap<>(removed);
        sessions.forEach((unit, keys) -> keys.forEach((key, stamp) -> covered.put(new UnitKey(unit, key), stamp)));
        replication.barriers().forEach((peer, acknowledged) -> acknowledged.thenAccept(yes -> {
            if (yes) {
                ledger.acknowledged(peer, covered);
            }
        }));
    }
}
