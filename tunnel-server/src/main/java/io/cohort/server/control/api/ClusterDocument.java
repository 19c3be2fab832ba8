package io.cohort.server.control.api;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.UnitRange;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.transport.ReplicationStatus;
import io.cohort.server.cluster.UnitOwnership;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code cluster --json}: one member's view of its cluster — members, master, keepalive interval
 * and n, the master's loss estimate per member, and which work units each member owns, as ranges.
 * A server that is not a cluster member answers with {@code clustered} false and nothing else set.
 *
 * @param clustered whether the server is a cluster member at all
 * @param self the member's own name
 * @param role {@code master}, {@code member}, {@code joining}, ... (lower case)
 * @param master the master it follows, if it knows one
 * @param configVersion its configuration version
 * @param lossTolerance the n in force (keepalives every t / (n + 1))
 * @param keepaliveIntervalMicros how often keepalives go out now
 * @param unitsAssigned units with an owner, 0 to {@value WorkUnit#COUNT}
 * @param members every member it knows, in name order
 * @param registered the cluster applications of this member, how many units each holds and which it serves
 * @param replication this member's state replication: what it publishes, to whom, and what it holds
 *     of the others' (empty from a server that does not replicate, or an older one)
 * @param draining the members being drained ({@code cohort drain}), in name order: every one on the
 *     master, this member only (if it is) on any other
 */
public record ClusterDocument(boolean clustered, String self, String role, Optional<String> master, long configVersion,
                              int lossTolerance, long keepaliveIntervalMicros, int unitsAssigned, List<Member> members,
                              List<Registration> registered, Optional<Replication> replication,
                              List<String> draining) {
    public ClusterDocument {
        draining = draining == null ? List.of() : List.copyOf(draining);
        replication = replication == null ? Optional.empty() : replication;
        self = self == null ? "" : self;
        role = role == null ? "" : role;
        master = master == null ? Optional.empty() : master;
        members = members == null ? List.of() : List.copyOf(members);
        registered = registered == null ? List.of() : List.copyOf(registered);
    }

    /**
     * One member as this member sees it.
     *
     * @param units how many units it owns
     * @param unitRanges which, as runs of consecutive units
     * @param lossPpm the keepalive loss the master measured from it, parts per million (on the master only)
     */
    public record Member(String name, String address, int units, List<UnitRange> unitRanges, Optional<Long> lossPpm) {
        public Member {
            unitRanges = List.copyOf(unitRanges);
            lossPpm = lossPpm == null ? Optional.empty() : lossPpm;
        }

        /** Every unit number it owns. */
        public Set<Integer> unitValues() {
            return UnitRange.values(unitRanges);
        }
    }

    /**
     * This member's state replication (patent, figure 7).
     *
     * @param ownKeys keys of state it publishes for the units it owns
     * @param replicaKeys keys of other members' state it holds
     * @param replicaBytes their octets
     * @param peers the members it sends its state to
     */
    public record Replication(int ownKeys, int replicaKeys, long replicaBytes, List<ReplicationPeer> peers) {
        public Replication {
            peers = List.copyOf(peers);
        }

        /** Whether every peer is connected and has been sent every change: a member may die now and lose nothing. */
        public boolean caughtUp() {
            return peers.stream().allMatch(p -> p.connected() && p.dirtyKeys() == 0);
        }

        /** What {@code status} and {@code replicas} say. */
        public static Replication of(ReplicationStatus status, ReplicaStore replicas) {
            return new Replication(status.ownKeys(), replicas.entries(), replicas.bytes(), status.peers().stream()
                    .map(p -> new ReplicationPeer(p.member().name(), p.connected(), p.dirtyKeys(), p.bytesSent()))
                    .toList());
        }
    }

    /**
     * A member this one sends its state to.
     *
     * @param connected whether its connection is up
     * @param dirtyKeys keys changed and not yet sent to it
     * @param bytesSent octets sent to it so far
     */
    public record ReplicationPeer(String name, boolean connected, int dirtyKeys, long bytesSent) {
    }

    /**
     * A cluster application (a protocol) and the units it holds.
     *
     * @param units how many units it owns
     * @param served the units whose packets it serves now: those it owns while the member's lease
     *     holds (cluster README, "Fencing"), as runs; empty from an older server
     */
    public record Registration(String protocol, int units, List<UnitRange> served) {
        public Registration {
            served = served == null ? List.of() : List.copyOf(served);
        }

        /** Without the units it serves. */
        public Registration(String protocol, int units) {
            this(protocol, units, List.of());
        }

        /** What {@code ownership} owns and serves now. */
        public static Registration of(UnitOwnership ownership) {
            SortedSet<WorkUnit> owned = ownership.owned();
            SortedSet<WorkUnit> served = new TreeSet<>();
            owned.stream().filter(ownership::owns).forEach(served::add);
            return new Registration(ownership.protocol(), owned.size(), UnitRange.of(served));
        }
    }

    /** The answer of a server that is not a cluster member. */
    public static ClusterDocument notClustered() {
        return new ClusterDocument(false, "", "", Optional.empty(), 0, 0, 0, 0, List.of(), List.of(), Optional.empty(),
                List.of());
    }

    /** The document of {@code v}, this member's {@code registrations} and its {@code replication}. */
    public static ClusterDocument of(ClusterView v, List<UnitOwnership> registrations, Optional<Replication> replication) {
        Map<MemberId, SortedSet<WorkUnit>> byOwner = new TreeMap<>();
        v.assignments().forEach((unit, owner) -> byOwner.computeIfAbsent(owner, o -> new TreeSet<>()).add(unit));
        List<Member> members = v.members().stream().map(m -> member(v, m, byOwner.getOrDefault(m.id(), new TreeSet<>())))
                .toList();
        return new ClusterDocument(true, v.self().name(), v.role().name().toLowerCase(Locale.ROOT),
                v.master().map(MemberId::name), v.configVersion(), v.lossTolerance(),
                v.keepaliveInterval().toNanos() / 1000, v.assignments().size(), members,
                registrations.stream().map(Registration::of).toList(), replication,
                v.draining().stream().map(MemberId::name).toList());
    }

    /** Whether {@code name} is being drained, as far as this member knows. */
    public boolean draining(String name) {
        return draining.contains(name);
    }

    /** The member {@code name}, if this view lists it. */
    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The names of the members, in the view's order. */
    public List<String> memberNames() {
        return members.stream().map(Member::name).toList();
    }

    /** The units this member serves now for any of its cluster applications (fenced units excluded). */
    public Set<Integer> servedUnits() {
        Set<Integer> served = new TreeSet<>();
        registered.forEach(r -> served.addAll(UnitRange.values(r.served())));
        return served;
    }

    /** The units {@code name} owns by this view; empty if it owns none or is not listed. */
    public Set<Integer> unitsOf(String name) {
        return member(name).map(Member::unitValues).orElseGet(TreeSet::new);
    }

    private static Member member(ClusterView v, MemberEntry m, SortedSet<WorkUnit> owned) {
        Optional<Long> lossPpm = Optional.ofNullable(v.lossEstimates().get(m.id())).map(p -> Math.round(p * 1e6));
        return new Member(m.id().name(), m.address().toString(), owned.size(), UnitRange.of(owned), lossPpm);
    }
}
