package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.NodeSettings;
import io.cohort.cluster.sim.LinkConditions;
import io.cohort.cluster.sim.SimCluster;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Members running both the cluster protocol ({@link SimCluster}: datagrams lost, duplicated and
 * reordered) and replication over {@link SimStreams}, each with a {@link SessionHost} that owns
 * sessions on its units, all on one virtual clock and one seed. Faults: a process killed (its
 * connections reset) or its host lost (they go silent), restarted, stopped and continued,
 * partitions (datagrams and streams alike). {@link #advance} checks after every step that no unit
 * is served by two members; the {@link StateLedger} checks the state.
 */
final class ReplicatedCluster {
    /** One process of a member: what dies with it. */
    private record Incarnation(MemberLoop loop, SimReplication replication, SessionHost host) {}

    private final SimCluster cluster;
    private final SimStreams streams;
    private final StateLedger ledger;
    private final LinkTimings timings;
    private final SplittableRandom random;
    private final Duration activity;
    private final int[] groups;
    private final Map<MemberId, Incarnation> live = new HashMap<>();
    private final Map<MemberId, Integer> indexes = new HashMap<>();
    private boolean quiet;

    ReplicatedCluster(int size, long seed, LinkTimings timings, Duration activity, boolean splitBrain,
                      UnaryOperator<NodeSettings> settings) {
        this.cluster = new SimCluster(size, seed, settings);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.ledger = new StateLedger(cluster.scheduler()::nanos, splitBrain);
        this.timings = timings;
        this.activity = activity;
        this.groups = new int[size];
        for (int i = 0; i < size; i++) {
            indexes.put(cluster.slots().get(i).id(), i);
        }
        this.streams = new SimStreams(cluster.scheduler(), random.nextLong(), new SimStreams.Hosts() {
            @Override
            public boolean reachable(MemberId a, MemberId b) {
                return groups[indexes.get(a)] == groups[indexes.get(b)];
            }

            @Override
            public boolean paused(MemberId member) {
                return cluster.slots().get(indexes.get(member)).paused();
            }

            @Override
            public SimReplication listener(MemberId member) {
                Incarnation i = live.get(member);
                return i == null ? null : i.replication();
            }
        });
        cluster.applications(slot -> {
            MemberLoop loop = new MemberLoop(slot.scheduler());
            SimReplication replication = new SimReplication(slot.id(), loop, streams, timings, ledger, random.nextLong());
            replication.servedWhile(unit -> slot.node().map(n -> n.serves(unit)).orElse(false));
            SessionHost host = new SessionHost(slot.id(), () -> slot.node().orElse(null), loop, replication, ledger,
                    () -> Set.copyOf(live.keySet()), random.nextLong(), Duration.ofNanos(random.nextLong(3_000_001)));
            ledger.incarnation(slot.id());
            live.put(slot.id(), new Incarnation(loop, replication, host));
            host.start(activity);
            if (quiet) {
                host.quiesce();
            }
            return host;
        });
    }

    StateLedger ledger() {
        return ledger;
    }

    SimCluster cluster() {
        return cluster;
    }

    long nanos() {
        return cluster.scheduler().nanos();
    }

    int size() {
        return groups.length;
    }

    void start(int i) {
        cluster.start(i);
        streams.kickAll(); // its host answers what waited for it
    }

    boolean running(int i) {
        return cluster.isRunning(i);
    }

    boolean paused(int i) {
        return cluster.slots().get(i).paused();
    }

    /** Member {@code i}'s process dies; with {@code reset} its host lives on and resets its connections. */
    void crash(int i, boolean reset) {
        MemberId id = cluster.slots().get(i).id();
        Incarnation gone = live.remove(id);
        gone.loop().kill();
        streams.died(id, reset);
        cluster.crash(i);
    }

    void pause(int i) {
        cluster.pause(i);
    }

    void resume(int i) {
        cluster.resume(i);
        streams.kickAll();
    }

    /** Member {@code i} is in partition {@code group} (all start in 0), for datagrams and streams. */
    void partition(int i, int group) {
        groups[i] = group;
        cluster.network().partition(cluster.slots().get(i).address(), group);
    }

    void heal() {
        java.util.Arrays.fill(groups, 0);
        cluster.network().heal();
        streams.kickAll();
    }

    /** The connection member {@code i} opened to {@code peer} closes as if it failed (if up): the next one starts with a snapshot. */
    void breakConnection(int i, MemberId peer) {
        Incarnation incarnation = live.get(cluster.slots().get(i).id());
        if (incarnation != null) {
            incarnation.loop().execute(() -> incarnation.replication().dropConnection(peer));
        }
    }

    void conditions(LinkConditions next) {
        cluster.network().setConditions(next);
    }

    /** Sessions stop changing everywhere (and in members started later). */
    void quiesce() {
        quiet = true;
        live.values().forEach(i -> i.host().quiesce());
    }

    /** Offers a packet of each of {@code units} to the masters, which assign those nobody owns. */
    void demand(Collection<WorkUnit> units) {
        units.forEach(cluster::demand);
    }

    /** The members serving {@code unit} now: rebuilt, and owned under a valid lease. */
    List<MemberId> servers(WorkUnit unit) {
        return live.entrySet().stream().filter(e -> e.getValue().host().serves(unit)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /**
     * After the faults healed and sessions stopped changing: each unit is served by exactly one
     * member, and every other running member holds a replica of each of that member's sessions
     * (with {@code splitBrain}, a session missing is only counted,
     * {@link OwnerOrderAnomaly#MISSING_REPLICA_AT_END}). Returns what is missing, empty when
     * converged; {@link #staleReplicas} tells what else differs.
     */
    List<String> divergence(Collection<WorkUnit> units, boolean splitBrain) {
        List<String> differences = new java.util.ArrayList<>();
        for (WorkUnit unit : units) {
            List<MemberId> servers = servers(unit);
            if (servers.size() != 1) {
                differences.add(unit + " served by " + servers);
                continue;
            }
            MemberId owner = servers.getFirst();
            Map<StateKey, SessionStamp> truth = new TreeMap<>(live.get(owner).host().sessions(unit));
            live.forEach((member, incarnation) -> {
                if (member.equals(owner)) {
                    return;
                }
                ReplicaStore store = incarnation.replication().store();
                Map<StateKey, SessionStamp> replicas = new TreeMap<>();
                store.unit(unit).forEach((k, r) -> replicas.put(k, SessionStamp.decode(r.state())));
                if (!replicas.keySet().containsAll(truth.keySet()) && splitBrain) {
                    ledger.count(OwnerOrderAnomaly.MISSING_REPLICA_AT_END);
                } else if (!replicas.keySet().containsAll(truth.keySet())) {
                    differences.add(member + "'s replicas of " + unit + " " + replicas + ", its owner " + owner
                            + " has " + truth);
                }
            });
        }
        return differences;
    }

    /**
     * Counts, after convergence, the replicas older than their owner's state and those of keys
     * their unit's owner does not have, as {@link OwnerOrderAnomaly}s in the ledger.
     */
    void staleReplicas(Collection<WorkUnit> units) {
        for (WorkUnit unit : units) {
            List<MemberId> servers = servers(unit);
            if (servers.size() != 1) {
                continue;
            }
            Map<StateKey, SessionStamp> truth = live.get(servers.getFirst()).host().sessions(unit);
            live.forEach((member, incarnation) -> {
                if (!member.equals(servers.getFirst())) {
                    incarnation.replication().store().unit(unit).forEach((key, replica) -> {
                        SessionStamp owners = truth.get(key);
                        if (owners == null) {
                            ledger.count(OwnerOrderAnomaly.LINGERING_REPLICA_AT_END);
                        } else if (!owners.equals(SessionStamp.decode(replica.state()))) {
                            ledger.count(OwnerOrderAnomaly.STALE_REPLICA_AT_END);
                        }
                    });
                }
            });
        }
    }

    /** The running members' roles and units, for a failure message. */
    String describe() {
        return cluster.slots().stream().map(s -> s.id() + ": " + s.node().map(ClusterNode::role).map(Enum::name)
                .orElse("dead") + (s.paused() ? " (paused)" : "") + " owns " + s.node().map(ClusterNode::ownedUnits)
                .map(u -> u.stream().map(w -> Integer.toString(w.value())).collect(Collectors.joining(",")))
                .orElse("-")).collect(Collectors.joining("; "));
    }

    Set<MemberId> liveMembers() {
        return new TreeSet<>(live.keySet());
    }
}
