package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One {@link ClusterNode} ("m5" at 10.0.0.5) under test with virtual time, recording what it sends,
 * delivers and tells its application, and helpers that drive it into each role. Peers: "m1" at
 * 10.0.0.1 (a lower address) and "m9" at 10.0.0.9 (a higher one).
 */
final class NodeHarness {
    record Sent(MemberAddress to, ClusterMessage message) {
        boolean isBroadcast() {
            return to == null;
        }
    }

    record Delivery(MemberId owner, WorkUnit unit, Object packet) {}

    static final MemberId SELF = MemberId.of("m5");
    static final MemberId LOW = MemberId.of("m1");
    static final MemberId HIGH = MemberId.of("m9");
    static final long MASTER_TERM = 7;

    final VirtualScheduler scheduler = new VirtualScheduler();
    final List<Sent> sent = new ArrayList<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final Counters counters = new Counters();
    final ClusterNode node;
    Function<MemberId, CompletionStage<JoinVerdict>> approval = m -> CompletableFuture.completedFuture(JoinVerdict.APPROVED);
    /** Peers whose keepalives say they are being drained. */
    final Set<MemberId> drainingPeers = new java.util.HashSet<>();
    /** Peers whose keepalives say they do not yet hold the others' replicated state. */
    final Set<MemberId> catchingUpPeers = new java.util.HashSet<>();
    /** How the application hands units over when they move away; completes at once unless set. */
    Function<Set<WorkUnit>, CompletionStage<?>> moveAway = units -> CompletableFuture.completedFuture(null);
    CredentialCheck credentials = CredentialCheck.ACCEPT_ALL;
    int announcements;
    /** Which units this node's application calls busy. */
    java.util.function.Predicate<WorkUnit> busy = unit -> false;
    /** Which units the peers' keepalives sent by tests report busy. */
    java.util.SortedSet<WorkUnit> peersBusy = java.util.Collections.emptySortedSet();

    /** Every unit busy, here and at the peers: units move one at a time. */
    void allUnitsBusy() {
        busy = unit -> true;
        peersBusy = new java.util.TreeSet<>(java.util.stream.IntStream.range(0, WorkUnit.COUNT).mapToObj(WorkUnit::of).toList());
    }

    NodeHarness() {
        this(UnaryOperator.identity());
    }

    /** With the defaults changed by {@code settings}. */
    NodeHarness(UnaryOperator<NodeSettings> settings) {
        ClusterOutput output = new ClusterOutput() {
            @Override public void unicast(MemberAddress to, ClusterMessage message) { sent.add(new Sent(to, message)); }
            @Override public void broadcast(ClusterMessage message) { sent.add(new Sent(null, message)); }
            @Override public void deliver(MemberEntry owner, WorkUnit unit, Object packet) {
                deliveries.add(new Delivery(owner.id(), unit, packet));
            }
        };
        ClusterApplication app = new ClusterApplication() {
            @Override public CompletionStage<JoinVerdict> approveJoin(MemberId member, byte[] credential) {
                events.add("approve? " + member);
                return approval.apply(member);
            }
            @Override public void memberJoined(MemberId member) { events.add("joined " + member); }
            @Override public void memberLeft(MemberId member) { events.add("left " + member); }
            @Override public void unitsAssigned(Set<WorkUnit> units) { events.add("assigned " + units); }
            @Override public void unitsRevoked(Set<WorkUnit> units) { events.add("revoked " + units); }
            @Override public CompletionStage<?> unitsMovedAway(Set<WorkUnit> units) {
                events.add("moving away " + units);
                return moveAway.apply(units);
            }
            @Override public boolean unitBusy(WorkUnit unit) { return busy.test(unit); }
            @Override public void configurationStale(MemberAddress source, long version) {
                events.add("stale, fetch " + version + " from " + source);
            }
        };
        node = new ClusterNode(settings.apply(NodeSettings.defaults(SELF, address(5), 1)), 1, new byte[] {1, 2, 3}, scheduler, output,
                app, (m, c) -> credentials.accepts(m, c), () -> announcements++, counters);
    }

    static MemberAddress address(int last) {
        try {
            return new MemberAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), 4500);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static MemberAddress addressOf(MemberId id) {
        return address(Integer.parseInt(id.name().substring(1)));
    }

    NodeHarness joining() {
        node.start();
        return this;
    }

    NodeHarness offering() {
        node.start();
        advance(NodeSettings.defaults(SELF, address(5), 1).joinTimeout());
        return this;
    }

    NodeHarness master() {
        offering();
        advance(Duration.ofMillis(100));
        return this;
    }

    /** Master with {@code peer} joined. */
    NodeHarness masterWith(MemberId peer) {
        master();
        receive(new JoinRequest(peer, addressOf(peer), 1, new byte[] {9}));
        scheduler.runDue();
        return this;
    }

    NodeHarness member() {
        node.start();
        receive(new JoinAck(HIGH, SELF, MASTER_TERM));
        return this;
    }

    /**
     * Member of m9 owning {@code units} (assigned at revisions 1, 2, ...), with a keepalive that
     * confirms them and gives unit 100 to m1 and unit 200 to m9 itself: the table a member keeps.
     */
    NodeHarness memberOwning(WorkUnit... units) {
        member();
        Map<WorkUnit, MemberId> table = new TreeMap<>();
        long revision = 0;
        for (WorkUnit unit : units) {
            receive(new io.cohort.cluster.message.Assign(HIGH, MASTER_TERM, ++revision, unit, SELF));
            table.put(unit, SELF);
        }
        table.put(WorkUnit.of(100), LOW);
        table.put(WorkUnit.of(200), HIGH);
        receive(keepalive(MASTER_TERM, revision, 1, table, HIGH, SELF, LOW));
        return this;
    }

    void receive(ClusterMessage message) {
        node.receive(addressOf(message.sender()), message);
    }

    void advance(Duration d) {
        scheduler.advance(d);
    }

    /** A keepalive from the member's master "m9" listing {@code members}. */
    static MasterKeepalive keepalive(long term, long revision, long config, Map<WorkUnit, MemberId> units, MemberId... members) {
        List<MemberEntry> list = new ArrayList<>();
        for (MemberId m : members) {
            list.add(new MemberEntry(m, addressOf(m)));
        }
        return new MasterKeepalive(HIGH, term, revision, config, list, 4, new TreeMap<>(units));
    }

    static MemberKeepalive memberKeepalive(MemberId from, long term, int seq) {
        return new MemberKeepalive(from, term, seq);
    }

    <T extends ClusterMessage> List<T> sent(Class<T> type) {
        return sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
    }

    long term() {
        return sent(MasterKeepalive.class).getLast().term();
    }
}
