package io.cohort.cluster.membership;

import static io.cohort.cluster.membership.NodeHarness.HIGH;
import static io.cohort.cluster.membership.NodeHarness.LOW;
import static io.cohort.cluster.membership.NodeHarness.MASTER_TERM;
import static io.cohort.cluster.membership.NodeHarness.SELF;
import static io.cohort.cluster.membership.NodeHarness.keepalive;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Figure 9's assignment on demand and figures 8D–8E, on the master and on a member. */
class WorkAssignmentProtocolTest {
    private static final WorkUnit U = WorkUnit.of(42);

    /** Master m5 with member m1, which owns {@code U} (m1 is first in name order, so least loaded). */
    private static NodeHarness masterWithUnitAtM1() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.node.demand(U, "p1");
        Assign a = h.sent(Assign.class).getLast();
        h.receive(new AssignAck(LOW, a.term(), a.revision(), U));
        return h;
    }

    @Test
    void packetsForAnUnassignedUnitAreHeldUntilTheOwnerAcknowledges() {
        NodeHarness h = new NodeHarness().masterWith(LOW);

        assertThat(h.node.demand(U, "p1")).isEqualTo(DemandOutcome.HELD);
        assertThat(h.node.demand(U, "p2")).isEqualTo(DemandOutcome.HELD);
        Assign a = h.sent(Assign.class).getLast();
        assertThat(a.member()).isEqualTo(LOW);
        assertThat(h.sent(Assign.class)).hasSize(1);
        assertThat(h.deliveries).isEmpty();

        h.receive(new AssignAck(LOW, a.term(), a.revision(), U));

        assertThat(h.deliveries).extracting(NodeHarness.Delivery::packet).containsExactly("p1", "p2");
        assertThat(h.deliveries).allMatch(d -> d.owner().equals(LOW));
        assertThat(h.node.demand(U, "p3")).isEqualTo(DemandOutcome.DELIVERED);
        assertThat(h.sent(MasterKeepalive.class).isEmpty()).isFalse();
    }

    @Test
    void theForwardingTableHoldsOnlyAcknowledgedOwnersAndIsOneInstanceUntilItChanges() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        assertThat(h.node.forwardingTable()).isEmpty();

        h.node.demand(U, "p1");
        assertThat(h.node.forwardingTable()).doesNotContainKey(U); // being assigned: its packets are held
        Assign a = h.sent(Assign.class).getLast();
        h.receive(new AssignAck(LOW, a.term(), a.revision(), U));

        var table = h.node.forwardingTable();
        assertThat(table).containsOnlyKeys(U);
        assertThat(table.get(U).id()).isEqualTo(LOW);
        assertThat(h.node.forwardingTable()).isSameAs(table);

        h.node.demand(WorkUnit.of(7), "p2"); // the master is now the least loaded: its own, acknowledged at once
        assertThat(h.node.forwardingTable()).isNotSameAs(table).containsOnlyKeys(U, WorkUnit.of(7));
        assertThat(h.node.forwardingTable().get(WorkUnit.of(7)).id()).isEqualTo(SELF);
    }

    @Test
    void aMemberHasNoForwardingTable() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.node.forwardingTable()).isEmpty();
    }

    @Test
    void anUnacknowledgedAssignIsRepeatedThenTheUnitGoesBackToThePool() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.node.demand(U, "p1");
        for (int i = 0; i < 28; i++) { // keep m1 alive but silent about the assignment
            h.receive(NodeHarness.memberKeepalive(LOW, term, i));
            h.advance(Duration.ofMillis(50));
        }
        // sent at 0, 50, 150, 350, 550, 750, 950 and 1150 ms (the wait doubles up to t, 200 ms); at
        // 1350 ms the unit is given up, and assigned again at once
        assertThat(h.sent(Assign.class)).hasSize(8).extracting(Assign::revision).containsOnly(h.sent(Assign.class).getFirst().revision());
        assertThat(h.counters.get("cluster.assign.unanswered")).isEqualTo(1);
        // the held packet was still waiting, so the unit went at once to the least loaded member
        // other than m1, which is alive but did not answer: the master itself, which got the packet
        assertThat(h.counters.get("cluster.assign.assigned")).isEqualTo(2);
        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.deliveries).containsExactly(new NodeHarness.Delivery(SELF, U, "p1"));
    }

    /**
     * A repetition waits {@code assignRetry} (50 ms), then twice as long each time up to t
     * (200 ms): a lost order goes again as soon as before, a slow member is not sent a copy of
     * every order in flight each 50 ms.
     */
    @Test
    void repetitionsWaitTwiceAsLongEachTimeUpToTheWatchdogTimeout() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.node.demand(U, "p1");
        List<Integer> sentAt = new ArrayList<>();
        int seen = 0;
        for (int ms = 0; ms <= 1_200; ms += 10) {
            if (h.sent(Assign.class).size() > seen) {
                seen = h.sent(Assign.class).size();
                sentAt.add(ms);
            }
            if (ms % 50 == 0) { // m1 alive, silent about the order
                h.receive(NodeHarness.memberKeepalive(LOW, term, ms / 50));
            }
            h.advance(Duration.ofMillis(10));
        }
        assertThat(sentAt).containsExactly(0, 50, 150, 350, 550, 750, 950, 1_150);
    }

    @Test
    void aUnitAnUnansweredOrderGaveBackGoesToAnotherMemberThanTheOneThatDidNotAnswer() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.receive(new JoinRequest(HIGH, NodeHarness.addressOf(HIGH), 1, new byte[] {9}));
        h.scheduler.runDue();
        h.node.demand(WorkUnit.of(9), "p9"); // loads 0 each, ties by name: m1
        Assign toLow = h.sent(Assign.class).getLast();
        assertThat(toLow.member()).isEqualTo(LOW);
        h.receive(new AssignAck(LOW, term, toLow.revision(), WorkUnit.of(9)));
        h.node.demand(WorkUnit.of(10), "p10"); // the master (m5)
        h.node.demand(U, "p1"); // m9, the only one with nothing
        assertThat(h.sent(Assign.class).getLast().member()).isEqualTo(HIGH);
        for (int i = 0; i < 28; i++) { // both alive, m9 silent about the order: given up at 1350 ms
            h.receive(NodeHarness.memberKeepalive(LOW, term, i));
            h.receive(NodeHarness.memberKeepalive(HIGH, term, i));
            h.advance(Duration.ofMillis(50));
        }

        assertThat(h.counters.get("cluster.assign.unanswered")).isEqualTo(1);
        // m1 and the master have one unit each, ties by name: m1
        assertThat(h.sent(Assign.class).getLast().member()).isEqualTo(LOW);
        assertThat(h.sent(Assign.class).getLast().unit()).isEqualTo(U);
    }

    /**
     * A member busier than {@code assignRetry} answers the order and its repetition: the second
     * answer is a duplicate, expected whenever orders are repeated, not a stale answer.
     */
    @Test
    void anAnswerToARepeatedOrderIsADuplicateNotAStaleAnswer() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.node.demand(U, "p1");
        h.advance(Duration.ofMillis(50)); // unanswered so far: sent again
        Assign a = h.sent(Assign.class).getFirst();
        assertThat(h.sent(Assign.class)).hasSize(2).extracting(Assign::revision).containsOnly(a.revision());

        h.receive(new AssignAck(LOW, a.term(), a.revision(), U));
        h.receive(new AssignAck(LOW, a.term(), a.revision(), U));

        assertThat(h.deliveries).hasSize(1);
        assertThat(h.counters.get("cluster.assign.duplicate_ack")).isEqualTo(1);
        assertThat(h.counters.get("cluster.assign.stale_ack")).isZero();
    }

    @Test
    void anAnswerToAnOrderSinceReplacedIsStale() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.node.demand(U, "p1");
        Assign first = h.sent(Assign.class).getFirst();
        for (int i = 0; i < 28; i++) { // m1 alive but silent: the unit goes back to the pool and out again, to the master
            h.receive(NodeHarness.memberKeepalive(LOW, term, i));
            h.advance(Duration.ofMillis(50));
        }
        assertThat(h.node.ownedUnits()).containsExactly(U);

        h.receive(new AssignAck(LOW, term, first.revision(), U));

        assertThat(h.deliveries).extracting(NodeHarness.Delivery::owner).doesNotContain(LOW);
        assertThat(h.counters.get("cluster.assign.stale_ack")).isEqualTo(1);
        assertThat(h.counters.get("cluster.assign.duplicate_ack")).isZero();
    }

    @Test
    void aLoneMasterOwnsWhatItIsAskedForAndDeliversToItself() {
        NodeHarness h = new NodeHarness().master();

        assertThat(h.node.demand(U, "p1")).isEqualTo(DemandOutcome.HELD);

        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.deliveries).singleElement().extracting(NodeHarness.Delivery::owner).isEqualTo(SELF);
        assertThat(h.events).contains("assigned [unit 42]");
    }

    @Test
    void aMemberThatJoinsGetsItsShareOfEmptyUnitsAtOnce() {
        NodeHarness h = new NodeHarness().master();
        for (int u = 0; u < 6; u++) {
            h.node.demand(WorkUnit.of(u), "p"); // no application calls them busy: empty
        }
        h.receive(new JoinRequest(LOW, NodeHarness.address(1), 1, new byte[] {9}));
        h.scheduler.runDue();

        // at its admission, not at the next rebalance tick: 3 and 3
        assertThat(h.sent(Assign.class)).hasSize(3).allSatisfy(a -> assertThat(a.member()).isEqualTo(LOW));
        assertThat(h.node.ownedUnits()).hasSize(3);
        assertThat(h.counters.get("cluster.assign.bulk_moves")).isEqualTo(3);
    }

    @Test
    void emptyUnitsOfAMemberMoveInBulkItsBusyUnitsOneAtATime() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.allUnitsBusy(); // nothing moves while the units are assigned on demand
        for (int u = 0; u < 8; u++) {
            h.node.demand(WorkUnit.of(u), "p");
            liveMembers(h, term, Duration.ofMillis(50), LOW);
        }
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        liveMembers(h, term, Duration.ofMillis(100), LOW, HIGH);
        clearSent(h);
        // m1 (4 units: 0, 2, 4, 6) reports unit 0 busy, its others empty; the master's 4 are busy
        h.peersBusy = new java.util.TreeSet<>(java.util.Set.of(WorkUnit.of(0)));

        liveMembers(h, term, Duration.ofMillis(1_700), LOW, HIGH); // the tick at 2 s after becoming master

        // m9 gets empty units of m1 only, at the tick, in bulk; no busy unit of the master moves with them
        assertThat(h.sent(Deassign.class)).extracting(Deassign::unit).doesNotContain(WorkUnit.of(0));
        assertThat(h.sent(Deassign.class)).hasSizeBetween(1, 3).allSatisfy(d -> assertThat(d.target()).isEqualTo(HIGH));
        assertThat(h.events).doesNotContain("moving away [unit 1]", "moving away [unit 3]", "moving away [unit 5]",
                "moving away [unit 7]");
    }

    @Test
    void everyTwoSecondsOneBusyUnitMovesFromTheMostToTheLeastLoaded() {
        NodeHarness h = new NodeHarness().master();
        h.allUnitsBusy();
        for (int u = 0; u < 4; u++) {
            h.node.demand(WorkUnit.of(u), "p");
        }
        h.receive(new JoinRequest(LOW, NodeHarness.address(1), 1, new byte[] {9}));
        h.scheduler.runDue();
        long term = h.term();
        h.sent.clear();

        liveMembers(h, term, Duration.ofMillis(1_900), LOW); // rebalance 2 s after becoming master
        assertThat(h.sent(Assign.class)).isEmpty();
        liveMembers(h, term, Duration.ofMillis(200), LOW);

        // the master's own unit 0 is handed over locally and assigned to m1
        assertThat(h.events).contains("moving away [unit 0]");
        assertThat(h.sent(Assign.class)).singleElement().satisfies(a -> {
            assertThat(a.unit()).isEqualTo(WorkUnit.of(0));
            assertThat(a.member()).isEqualTo(LOW);
        });

        liveMembers(h, term, Duration.ofSeconds(2), LOW);
        assertThat(h.sent(Assign.class)).extracting(Assign::unit).containsExactly(WorkUnit.of(0), WorkUnit.of(1));

        liveMembers(h, term, Duration.ofSeconds(4), LOW); // 2 and 2: balanced
        assertThat(h.sent(Assign.class)).hasSize(2);
        assertThat(h.node.ownedUnits()).containsExactly(WorkUnit.of(2), WorkUnit.of(3));
    }

    @Test
    void aMoveFromAMemberIsADeassignThenAnAssignToTheTarget() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.allUnitsBusy();
        long term = h.term();
        for (int u = 0; u < 4; u++) { // ties go to m1 (name order): m1 gets 0 and 2, the master 1 and 3
            h.node.demand(WorkUnit.of(u), "p");
            liveMembers(h, term, Duration.ofMillis(50), LOW);
        }
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        h.sent.clear();

        liveMembers(h, term, Duration.ofMillis(1_800), LOW, HIGH);

        assertThat(h.sent(Deassign.class)).singleElement().satisfies(d -> {
            assertThat(d.unit()).isEqualTo(WorkUnit.of(0));
            assertThat(d.target()).isEqualTo(HIGH);
        });
        assertThat(h.sent(Assign.class)).singleElement().satisfies(a -> {
            assertThat(a.unit()).isEqualTo(WorkUnit.of(0));
            assertThat(a.member()).isEqualTo(HIGH);
        });
        liveMembers(h, term, Duration.ofMillis(100), LOW, HIGH);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).containsEntry(WorkUnit.of(0), HIGH);

        long duplicates = h.counters.get("cluster.assign.duplicate_ack");
        Deassign d = h.sent(Deassign.class).getFirst(); // its answer again, late: a repetition's answer
        h.receive(new DeassignAck(LOW, term, d.revision(), d.unit()));
        assertThat(h.counters.get("cluster.assign.duplicate_ack")).isEqualTo(duplicates + 1);
        assertThat(h.counters.get("cluster.assign.stale_ack")).isZero();
    }

    @Test
    void aSilentMembersUnitsAreFencedUntilItsLeaseRanOutThenReassignedWithoutWaitingForAPacket() {
        NodeHarness h = masterWithUnitAtM1();

        h.advance(Duration.ofMillis(250)); // m1 sends no keepalive: its watchdog expired at 200 ms

        assertThat(h.events).contains("left m1").doesNotContain("assigned [unit 42]");
        assertThat(h.counters.get("cluster.assign.fenced")).isEqualTo(1);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).isEmpty();
        assertThat(h.sent(MasterKeepalive.class).getLast().lists(LOW)).isFalse(); // its lease is not renewed
        assertThat(h.node.forwardingTable()).isEmpty();
        assertThat(h.node.demand(U, "p1")).isEqualTo(DemandOutcome.HELD);

        h.advance(Duration.ofMillis(250)); // moved at 200 + lease 150 + margin 80 = 430 ms

        assertThat(h.events).containsSubsequence("left m1", "assigned [unit 42]");
        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.deliveries).extracting(NodeHarness.Delivery::packet).contains("p1");
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).isEqualTo(Map.of(U, SELF));
        assertThat(h.counters.get("cluster.assign.reassigned")).isEqualTo(1);
        assertThat(h.node.demand(U, "p2")).isEqualTo(DemandOutcome.DELIVERED);
    }

    @Test
    void aMemberThatSaysItLeavesHasItsUnitsMovedAtOnceWithoutTheFencingWait() {
        NodeHarness h = masterWithUnitAtM1();

        h.receive(new Exit(LOW, SELF, ExitReason.MEMBER_LEFT, 1));

        assertThat(h.events).containsSubsequence("left m1", "assigned [unit 42]");
        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.counters.get("cluster.master.member_left")).isEqualTo(1);
        assertThat(h.counters.get("cluster.assign.fenced")).isZero();
        assertThat(h.node.view().members()).extracting(MemberEntry::id).containsExactly(SELF);

        h.receive(new Exit(LOW, SELF, ExitReason.MEMBER_LEFT, 1)); // a repetition changes nothing
        assertThat(h.counters.get("cluster.master.member_left")).isEqualTo(1);
    }

    /** A member that just joined has no replicas yet: a dead member's units go to those that have. */
    @Test
    void aDeadMembersUnitsGoOnlyToMembersHoldingTheReplicatedState() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        long term = h.term();
        for (int u = 0; u < 7; u++) { // m1 gets 0, 3, 6
            h.node.demand(WorkUnit.of(u), "p");
        }
        liveMembers(h, term, Duration.ofMillis(50), LOW, HIGH);
        h.catchingUpPeers.add(HIGH); // m9 restarted, say: its peers' snapshots have not arrived yet
        clearSent(h);

        liveMembers(h, term, Duration.ofMillis(500), HIGH); // m1 falls silent: its units go to the master only

        assertThat(h.events).contains("left m1");
        assertThat(h.node.ownedUnits()).extracting(WorkUnit::value).contains(0, 3, 6);
        assertThat(h.sent(Assign.class)).isEmpty();
    }

    @Test
    void aDeadMembersUnitsSpreadInUnitOrderOverTheThenLeastLoadedRemainingMembers() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        long term = h.term();
        for (int u = 0; u < 7; u++) { // least loaded, ties by name: m1 gets 0, 3, 6; m5 1, 4; m9 2, 5
            h.node.demand(WorkUnit.of(u), "p");
        }
        liveMembers(h, term, Duration.ofMillis(50), LOW, HIGH);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).containsEntry(WorkUnit.of(6), LOW);
        clearSent(h);

        liveMembers(h, term, Duration.ofMillis(500), HIGH); // m1 falls silent: declared dead, its units fenced, moved

        assertThat(h.events).contains("left m1");
        // unit 0: m5 and m9 both at 2, m5 first by name; unit 3: m9 at 2; unit 6: both at 3, m5
        assertThat(h.node.ownedUnits()).extracting(WorkUnit::value).containsExactly(0, 1, 4, 6);
        assertThat(h.sent(Assign.class)).singleElement().satisfies(a -> {
            assertThat(a.unit()).isEqualTo(WorkUnit.of(3));
            assertThat(a.member()).isEqualTo(HIGH);
        });
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments())
                .doesNotContainValue(LOW)
                .containsEntry(WorkUnit.of(3), HIGH)
                .hasSize(7);
        assertThat(h.counters.get("cluster.assign.reassigned")).isEqualTo(3);
    }

    @Test
    void aReassignmentToAMemberThatDoesNotAnswerIsRepeatedLikeAnyAssign() {
        NodeHarness h = masterWithUnitAtM1();
        h.node.demand(WorkUnit.of(7), "p"); // m1 has one, so the master takes this one
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        long term = h.term();
        clearSent(h);

        for (int i = 0; i < 38; i++) { // m9 alive but silent about orders; m1 silent altogether
            h.receive(NodeHarness.memberKeepalive(HIGH, term, i));
            h.advance(Duration.ofMillis(50));
        }

        // m1 declared dead at about 200 ms, its unit fenced until 430 ms, then to m9 (load 0, the
        // master has 1), sent 8 times (waits of 50 ms doubling up to 200), then given back to the
        // pool (no packet is held for it)
        assertThat(h.events).contains("left m1");
        assertThat(h.sent(Assign.class)).hasSize(8).allSatisfy(a -> {
            assertThat(a.unit()).isEqualTo(U);
            assertThat(a.member()).isEqualTo(HIGH);
        });
        assertThat(h.counters.get("cluster.assign.unanswered")).isEqualTo(1);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).isEqualTo(Map.of(WorkUnit.of(7), SELF));
    }

    @Test
    void withAssignAllUnitsTheMasterSpreadsEveryUnitOnceNoMemberJoinedForAJoinTimeout() {
        NodeHarness h = new NodeHarness(s -> s.withAssignAllUnits(true)).masterWith(LOW); // m1 in at once
        long term = h.term();

        liveMembers(h, term, Duration.ofMillis(150), LOW);
        assertThat(h.sent(Assign.class)).isEmpty();
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).isEmpty();
        liveMembers(h, term, Duration.ofMillis(600), LOW); // 200 ms without a join: the spread, 64 orders at a time

        // in unit order, each to the then least loaded, ties by name: m1 the even units, m5 the odd
        // (orders repeated while m1's acknowledgments, sent every 50 ms here, are on their way)
        assertThat(h.sent(Assign.class)).allSatisfy(a -> assertThat(a.member()).isEqualTo(LOW));
        assertThat(h.sent(Assign.class).stream().map(a -> a.unit().value()).distinct().toList())
                .containsExactlyElementsOf(IntStream.range(0, WorkUnit.COUNT / 2).map(i -> 2 * i).boxed().toList());
        assertThat(h.node.ownedUnits()).hasSize(WorkUnit.COUNT / 2).allMatch(u -> u.value() % 2 == 1);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).hasSize(WorkUnit.COUNT);

        clearSent(h);
        liveMembers(h, term, Duration.ofSeconds(4), LOW); // balanced: nothing more to assign or move
        assertThat(h.sent(Assign.class)).isEmpty();
        assertThat(h.sent(Deassign.class)).isEmpty();
    }

    @Test
    void withAssignAllUnitsAJoinPostponesTheFirstSpread() {
        NodeHarness h = new NodeHarness(s -> s.withAssignAllUnits(true)).masterWith(LOW);
        long term = h.term();
        liveMembers(h, term, Duration.ofMillis(150), LOW);
        h.receive(new io.cohort.cluster.message.JoinRequest(HIGH, NodeHarness.addressOf(HIGH), 1, new byte[] {9}));
        h.scheduler.runDue();
        liveMembers(h, term, Duration.ofMillis(150), LOW, HIGH);
        assertThat(h.sent(Assign.class)).isEmpty();
        liveMembers(h, term, Duration.ofMillis(100), LOW, HIGH);

        assertThat(h.sent(Assign.class)).extracting(Assign::member).containsOnly(LOW, HIGH);
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).hasSize(WorkUnit.COUNT);
    }

    /**
     * With {@code assignAllUnits}, a unit an unanswered order gave back goes out again at once, to
     * a member other than the one that did not answer, not at the next rebalance tick (2 s
     * without an owner); the bulk moves even the loads once the slow member answers again.
     */
    @Test
    void withAssignAllUnitsUnitsAnUnansweredOrderGaveBackAreAssignedAgainAtOnce() {
        NodeHarness h = new NodeHarness(s -> s.withAssignAllUnits(true)).masterWith(LOW);
        long term = h.term();

        for (int i = 0; i < 36; i++) { // 1.8 s: m1 alive but silent about orders (the first given up at about 1.55 s)
            h.receive(NodeHarness.memberKeepalive(LOW, term, i));
            h.advance(Duration.ofMillis(50));
        }
        long unanswered = h.counters.get("cluster.assign.unanswered");
        assertThat(unanswered).isPositive();
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).hasSize(WorkUnit.COUNT);
        assertThat(h.node.ownedUnits()).hasSizeGreaterThan(WorkUnit.COUNT / 2);
        clearSent(h);

        liveMembers(h, term, Duration.ofMillis(2_600), LOW); // m1 answers now; the tick at 2 s moves empty units back to it

        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).hasSize(WorkUnit.COUNT);
        assertThat(h.node.view().assignments().values().stream().filter(LOW::equals).count())
                .isEqualTo(WorkUnit.COUNT / 2);
    }

    @Test
    void ordersAreSentAtMostMaxInFlightAtATime() {
        NodeHarness h = new NodeHarness(s -> s.withAssignAllUnits(true)).masterWith(LOW);
        for (int i = 0; i < 6; i++) { // 300 ms: the spread happened, m1 answers nothing
            h.receive(NodeHarness.memberKeepalive(LOW, h.term(), i));
            h.advance(Duration.ofMillis(50));
        }
        assertThat(h.sent(Assign.class).stream().map(Assign::unit).distinct().count())
                .isEqualTo(WorkAssigner.MAX_IN_FLIGHT);
    }

    @Test
    void aMemberDyingWhileItsOrdersWaitTheirTurnIsHandledAndItsUnitsGoToTheOthers() {
        NodeHarness h = new NodeHarness(s -> s.withAssignAllUnits(true)).masterWith(LOW);
        long term = h.term();
        h.receive(new io.cohort.cluster.message.JoinRequest(HIGH, NodeHarness.addressOf(HIGH), 1, new byte[] {9}));
        h.scheduler.runDue();
        for (int i = 0; i < 6; i++) { // the spread: hundreds of orders wait; nobody answers yet
            h.receive(NodeHarness.memberKeepalive(LOW, term, i));
            h.receive(NodeHarness.memberKeepalive(HIGH, term, i));
            h.advance(Duration.ofMillis(50));
        }
        liveMembers(h, term, Duration.ofSeconds(3), LOW); // m9 falls silent: its watchdog expires

        assertThat(h.counters.get("cluster.master.member_lost")).isEqualTo(1);
        assertThat(h.node.members()).doesNotContain(HIGH);
        assertThat(h.node.view().assignments()).hasSize(WorkUnit.COUNT).doesNotContainValue(HIGH);
    }

    @Test
    void withoutAssignAllUnitsNoUnitIsAssignedBeforeItsFirstPacket() {
        NodeHarness h = new NodeHarness().masterWith(LOW);

        liveMembers(h, h.term(), Duration.ofSeconds(5), LOW);

        assertThat(h.sent(Assign.class)).isEmpty();
        assertThat(h.node.ownedUnits()).isEmpty();
    }

    /** A live move: the unit's state is handed over first, then the move is acknowledged. */
    @Test
    void aMemberAcknowledgesAMoveOnlyOnceItsApplicationHandedTheUnitOver() {
        NodeHarness h = new NodeHarness().member();
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        h.moveAway = units -> handedOver;
        h.receive(new Assign(HIGH, MASTER_TERM, 5, U, SELF));
        h.sent.clear();

        h.receive(new Deassign(HIGH, MASTER_TERM, 6, U, LOW));
        h.receive(new Deassign(HIGH, MASTER_TERM, 7, U, LOW)); // the master repeats its order meanwhile
        h.scheduler.runDue();

        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).contains("moving away [unit 42]");
        assertThat(h.sent(DeassignAck.class)).isEmpty();

        handedOver.complete(null);
        h.scheduler.runDue();

        assertThat(h.sent(DeassignAck.class)).singleElement().satisfies(a -> {
            assertThat(a.unit()).isEqualTo(U);
            assertThat(a.revision()).isEqualTo(7);
        });
        assertThat(h.counters.get("cluster.member.moved_away")).isEqualTo(1);
        h.receive(new Deassign(HIGH, MASTER_TERM, 8, U, LOW)); // once done, a repetition is answered at once
        assertThat(h.sent(DeassignAck.class)).hasSize(2);
    }

    /** cohort drain: the member's units move away live, and it gets no new ones while it drains. */
    @Test
    void aDrainingMembersUnitsMoveToTheOthersAndItGetsNoNewOnes() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.receive(new JoinRequest(HIGH, NodeHarness.address(9), 1, new byte[] {9}));
        h.scheduler.runDue();
        long term = h.term();
        h.allUnitsBusy();
        for (int u = 0; u < 6; u++) { // least loaded, ties by name: m1 gets 0 and 3
            h.node.demand(WorkUnit.of(u), "p");
        }
        liveMembers(h, term, Duration.ofMillis(100), LOW, HIGH);
        assertThat(h.node.view().assignments()).containsEntry(WorkUnit.of(0), LOW).containsEntry(WorkUnit.of(3), LOW);
        clearSent(h);

        h.peersBusy = new java.util.TreeSet<>(java.util.Set.of(WorkUnit.of(3))); // unit 3 carries sessions, 0 none
        h.drainingPeers.add(LOW);
        liveMembers(h, term, Duration.ofMillis(50), LOW, HIGH);

        assertThat(h.node.view().draining()).containsExactly(LOW);
        assertThat(h.sent(Deassign.class)).extracting(Deassign::unit).as("the unit with sessions first")
                .containsExactly(WorkUnit.of(3), WorkUnit.of(0));
        assertThat(h.sent(Deassign.class)).allSatisfy(d -> assertThat(d.target()).isNotEqualTo(LOW));
        liveMembers(h, term, Duration.ofMillis(200), LOW, HIGH);
        assertThat(h.node.view().assignments()).doesNotContainValue(LOW).hasSize(6);
        assertThat(h.counters.get("cluster.assign.drain_moves")).isEqualTo(2);

        h.node.demand(WorkUnit.of(10), "p");
        liveMembers(h, term, Duration.ofMillis(2_500), LOW, HIGH); // and a rebalance tick: nothing goes back to m1
        assertThat(h.node.view().assignments()).doesNotContainValue(LOW).containsKey(WorkUnit.of(10));
    }

    /** The master drains itself: its units go to its members; it stays master. */
    @Test
    void aDrainingMasterHandsItsOwnUnitsOver() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        h.allUnitsBusy();
        h.node.demand(WorkUnit.of(0), "p"); // least loaded: one unit each
        h.node.demand(WorkUnit.of(1), "p");
        liveMembers(h, term, Duration.ofMillis(100), LOW);
        List<WorkUnit> mine = List.copyOf(h.node.ownedUnits());
        assertThat(mine).hasSize(1);

        h.node.drain(true);
        liveMembers(h, term, Duration.ofMillis(100), LOW);

        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).contains("moving away [" + mine.getFirst() + "]");
        assertThat(h.node.view().assignments()).containsOnly(Map.entry(WorkUnit.of(0), LOW), Map.entry(WorkUnit.of(1), LOW));
        assertThat(h.node.view().draining()).containsExactly(SELF);
        assertThat(h.node.role()).isEqualTo(Role.MASTER);
    }

    /**
     * The master's own live move, handed over on another thread (the replication's, in a server):
     * the move goes on on the cluster loop, not on that thread (the master's timers are the
     * loop's alone: a real run threw ConcurrentModificationException there, then lost every
     * datagram to a NullPointerException).
     */
    @Test
    void aDrainingMasterFinishesAMoveHandedOverOnAnotherThreadOnItsOwnLoop() throws Exception {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        h.moveAway = units -> handedOver;
        h.allUnitsBusy();
        h.node.demand(WorkUnit.of(0), "p");
        h.node.demand(WorkUnit.of(1), "p");
        liveMembers(h, term, Duration.ofMillis(100), LOW);
        h.node.drain(true);
        liveMembers(h, term, Duration.ofMillis(100), LOW);
        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.node.view().assignments()).as("still moving").containsValue(SELF);

        Thread replication = new Thread(() -> handedOver.complete(null), "replication");
        replication.start();
        replication.join();
        liveMembers(h, term, Duration.ofMillis(100), LOW);

        assertThat(h.node.view().assignments()).containsOnly(Map.entry(WorkUnit.of(0), LOW), Map.entry(WorkUnit.of(1), LOW));
    }

    @Test
    void aMemberIgnoresAnOrderOlderThanTheLastItAppliedToTheUnit() {
        NodeHarness h = new NodeHarness().member();
        h.receive(new Assign(HIGH, MASTER_TERM, 5, U, SELF));
        h.receive(new Deassign(HIGH, MASTER_TERM, 6, U, LOW));
        h.sent.clear();

        h.receive(new Assign(HIGH, MASTER_TERM, 5, U, SELF)); // a duplicate of the first, late

        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.sent).isEmpty();
        assertThat(h.events).containsSubsequence("assigned [unit 42]", "moving away [unit 42]");
    }

    @Test
    void aMemberDropsAUnitTheMastersKeepaliveGivesToSomeoneElse() {
        NodeHarness h = new NodeHarness().member();
        h.receive(new Assign(HIGH, MASTER_TERM, 5, U, SELF));
        h.receive(new Assign(HIGH, MASTER_TERM, 9, WorkUnit.of(1), SELF));

        // revision 8 knows about unit 42 but not yet about unit 1
        h.receive(keepalive(MASTER_TERM, 8, 1, Map.of(U, LOW), HIGH, SELF, LOW));

        assertThat(h.node.ownedUnits()).containsExactly(WorkUnit.of(1));
        assertThat(h.events).contains("revoked [unit 42]", "joined m1");
        assertThat(h.sent(DeassignAck.class)).isEmpty();
    }

    @Test
    void aMemberGivesUpItsUnitsWhenItLeaves() {
        NodeHarness h = new NodeHarness().member();
        h.receive(new Assign(HIGH, MASTER_TERM, 5, U, SELF));
        h.receive(keepalive(MASTER_TERM, 5, 1, Map.of(U, SELF), HIGH, SELF));

        h.receive(keepalive(MASTER_TERM, 5, 1, Map.of(), HIGH, MemberId.of("m7")));

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).contains("revoked [unit 42]");
    }

    /** Lets {@code ids} behave as live members for {@code d}: keepalives, and acks to every order. */
    private static void liveMembers(NodeHarness h, long term, Duration d, MemberId... ids) {
        for (long t = 0; t < d.toMillis(); t += 50) {
            for (MemberId id : ids) {
                h.receive(new MemberKeepalive(id, term, (int) (h.scheduler.nanos() / 1_000_000),
                        h.peersBusy, h.drainingPeers.contains(id), h.catchingUpPeers.contains(id)));
            }
            h.advance(Duration.ofMillis(50));
            for (NodeHarness.Sent sent : java.util.List.copyOf(h.sent.subList(answered(h), h.sent.size()))) {
                switch (sent.message()) {
                    case Assign a when java.util.List.of(ids).contains(a.member()) ->
                            h.receive(new AssignAck(a.member(), term, a.revision(), a.unit()));
                    case Deassign x when sent.to().equals(NodeHarness.addressOf(LOW)) ->
                            h.receive(new DeassignAck(LOW, term, x.revision(), x.unit()));
                    default -> { }
                }
            }
            ANSWERED.put(h, h.sent.size());
        }
    }

    private static final Map<NodeHarness, Integer> ANSWERED = new java.util.IdentityHashMap<>();

    /** Forgets what was sent, and that liveMembers answered any of it. */
    private static void clearSent(NodeHarness h) {
        h.sent.clear();
        ANSWERED.remove(h);
    }

    private static int answered(NodeHarness h) {
        return Math.min(ANSWERED.getOrDefault(h, 0), h.sent.size());
    }
}
