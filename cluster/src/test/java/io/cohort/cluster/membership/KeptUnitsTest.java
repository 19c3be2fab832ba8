package io.cohort.cluster.membership;

import static io.cohort.cluster.membership.NodeHarness.HIGH;
import static io.cohort.cluster.membership.NodeHarness.LOW;
import static io.cohort.cluster.membership.NodeHarness.MASTER_TERM;
import static io.cohort.cluster.membership.NodeHarness.SELF;
import static io.cohort.cluster.membership.NodeHarness.address;
import static io.cohort.cluster.membership.NodeHarness.keepalive;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Units through a change of master ({@link KeptUnits}): which ways out of a role keep the units
 * and which give them up, the grace, and how the next master (another node, or this one) takes
 * them over.
 */
class KeptUnitsTest {
    private static final WorkUnit U = WorkUnit.of(42);
    private static final WorkUnit V = WorkUnit.of(43);
    private static final WorkUnit OF_M1 = WorkUnit.of(100);
    private static final WorkUnit OF_OLD_MASTER = WorkUnit.of(200);
    /** Past the member's watchdog (200 ms) on its master. */
    private static final Duration MASTER_LOST = Duration.ofMillis(250);

    record Leave(String how, Consumer<NodeHarness> event, Role role, boolean keeps) {
        @Override
        public String toString() {
            return how + (keeps ? " -> keeps its units" : " -> gives them up");
        }
    }

    static Stream<Leave> leaves() {
        return Stream.of(
                new Leave("8I: master lost (watchdog)", h -> h.advance(MASTER_LOST), Role.JOINING, true),
                new Leave("8A: exit, master stepped down", h -> h.receive(new Exit(HIGH, SELF, ExitReason.MASTER_STEPPED_DOWN, 1)),
                        Role.JOINING, true),
                new Leave("8B: exit, not a member", h -> h.receive(new Exit(HIGH, SELF, ExitReason.NOT_A_MEMBER, 1)),
                        Role.JOINING, false),
                new Leave("641: exit, stale configuration", h -> h.receive(new Exit(HIGH, SELF, ExitReason.STALE_CONFIGURATION, 2)),
                        Role.UPDATING_CONFIGURATION, false),
                new Leave("8G: dropped from the list", h -> h.receive(keepalive(MASTER_TERM, 9, 1, Map.of(), HIGH, LOW)),
                        Role.JOINING, false),
                new Leave("8G: our master in a newer term (restarted)",
                        h -> h.receive(keepalive(MASTER_TERM + 1, 0, 1, Map.of(), HIGH, SELF)), Role.JOINING, false),
                new Leave("641: newer configuration in the keepalive",
                        h -> h.receive(keepalive(MASTER_TERM, 9, 2, Map.of(U, SELF), HIGH, SELF)),
                        Role.UPDATING_CONFIGURATION, false),
                new Leave("stop()", h -> h.node.stop(), Role.STOPPED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void aMemberKeepsItsUnitsOnlyWhenItsMasterChanges(Leave leave) {
        NodeHarness h = new NodeHarness().memberOwning(U, V);
        h.events.clear();

        leave.event().accept(h);

        assertThat(h.node.role()).isEqualTo(leave.role());
        if (leave.keeps()) {
            assertThat(h.node.ownedUnits()).containsExactly(U, V);
            assertThat(h.node.view().owned()).containsExactly(U, V);
            assertThat(h.events).noneMatch(e -> e.startsWith("revoked"));
        } else {
            assertThat(h.node.ownedUnits()).isEmpty();
            assertThat(h.events).contains("revoked [unit 42, unit 43]");
        }
    }

    @Test
    void keptUnitsAreGivenUpWhenTheGraceEndsBeforeAMasterHasThem() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(MASTER_LOST);
        h.events.clear();

        // joining, offering, then refused by a master that appeared: still no master
        h.receive(new JoinNak(LOW, SELF, NakReason.OPERATION_IN_PROGRESS));
        h.advance(Duration.ofMillis(900));
        assertThat(h.node.role()).isEqualTo(Role.JOINING); // waiting for the verdict
        assertThat(h.node.ownedUnits()).containsExactly(U);
        h.advance(Duration.ofMillis(100)); // 1 s after the master was lost

        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).containsExactly("revoked [unit 42]");
        assertThat(h.counters.get("cluster.kept_units.expired")).isEqualTo(1);
    }

    static Stream<Leave> whileKeeping() {
        return Stream.of(
                new Leave("joining, stop()", h -> h.node.stop(), Role.STOPPED, false),
                new Leave("joining, exit: stale configuration",
                        h -> h.receive(new Exit(LOW, SELF, ExitReason.STALE_CONFIGURATION, 2)), Role.UPDATING_CONFIGURATION, false),
                new Leave("joining, refused", h -> h.receive(new JoinNak(LOW, SELF, NakReason.CREDENTIAL_REJECTED)),
                        Role.REFUSED, false),
                new Leave("joining, operation in progress", h -> h.receive(new JoinNak(LOW, SELF, NakReason.OPERATION_IN_PROGRESS)),
                        Role.JOINING, true),
                new Leave("offering, other master exists", h -> {
                    h.advance(Duration.ofMillis(200));
                    h.receive(new io.cohort.cluster.message.OtherMasterExists(LOW, SELF, 2, address(1)));
                }, Role.JOINING, true),
                new Leave("OK to join -> member", h -> h.receive(new JoinAck(LOW, SELF, 3)), Role.MEMBER, true),
                new Leave("no answer -> master", h -> h.advance(Duration.ofMillis(300)), Role.MASTER, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whileKeeping")
    void aJoiningNodeKeepsItsUnitsUntilAMasterHasThemOrItGivesUp(Leave leave) {
        NodeHarness h = new NodeHarness().memberOwning(U, V);
        h.advance(MASTER_LOST);
        h.events.clear();

        leave.event().accept(h);

        assertThat(h.node.role()).isEqualTo(leave.role());
        if (leave.keeps()) {
            assertThat(h.node.ownedUnits()).containsExactly(U, V);
            assertThat(h.events).noneMatch(e -> e.startsWith("revoked") || e.startsWith("assigned"));
        } else {
            assertThat(h.node.ownedUnits()).isEmpty();
            assertThat(h.events).contains("revoked [unit 42, unit 43]");
        }
    }

    @Test
    void whileJoiningAMastersKeepaliveThatGivesAKeptUnitToAnotherMemberTakesIt() {
        NodeHarness h = new NodeHarness().memberOwning(U, V);
        h.advance(MASTER_LOST);
        h.events.clear();
        MemberId other = MemberId.of("m3");

        // a master (here the old one, alive after all) gave U to m3; V is not in its table
        h.receive(keepalive(MASTER_TERM, 20, 1, Map.of(U, other), HIGH, other));

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.node.ownedUnits()).containsExactly(V);
        assertThat(h.events).containsExactly("revoked [unit 42]");
        assertThat(h.counters.get("cluster.kept_units.taken")).isEqualTo(1);

        h.receive(keepalive(MASTER_TERM, 21, 1, Map.of(V, SELF), HIGH, SELF)); // ours in its table: kept
        assertThat(h.node.ownedUnits()).containsExactly(V);
    }

    @Test
    void aRefusedJoinGivesTheKeptUnitsUp() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(MASTER_LOST);
        h.events.clear();

        h.receive(new JoinNak(LOW, SELF, NakReason.CREDENTIAL_REJECTED));

        assertThat(h.node.role()).isEqualTo(Role.REFUSED);
        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).contains("revoked [unit 42]");
    }

    @Test
    void withAZeroGraceTheUnitsAreGivenUpAtOnce() {
        NodeHarness h = new NodeHarness(s -> s.withKeptUnitsGrace(Duration.ZERO)).memberOwning(U);
        h.events.clear();

        h.advance(MASTER_LOST);

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.node.ownedUnits()).isEmpty();
        assertThat(h.events).contains("revoked [unit 42]");
    }

    @Test
    void asAMemberOfTheNextMasterKeptUnitsLastUntilAKeepaliveGivesThemToSomeoneElse() {
        NodeHarness h = new NodeHarness().memberOwning(U, V);
        h.advance(MASTER_LOST);
        h.events.clear();
        MemberId next = LOW;
        long term = 3; // a new master: its revisions start anew, below the old master's

        h.receive(new JoinAck(next, SELF, term));
        assertThat(h.node.role()).isEqualTo(Role.MEMBER);
        assertThat(h.node.ownedUnits()).containsExactly(U, V);

        // the new master adopts U (it still holds it: acknowledged, no second "assigned")
        h.receive(new Assign(next, term, 1, U, SELF));
        assertThat(h.sent(AssignAck.class)).extracting(AssignAck::unit).contains(U);
        // its keepalive, older than that assign, says nothing of U or V: V goes, U stays
        h.receive(new MasterKeepalive(next, term, 0, 1,
                List.of(new MemberEntry(LOW, address(1)), new MemberEntry(SELF, address(5))), 4, new TreeMap<>()));

        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.events).noneMatch(e -> e.startsWith("assigned"));
        assertThat(h.events).contains("revoked [unit 43]");
        assertThat(h.counters.get("cluster.kept_units.expired")).isZero();
        h.advance(Duration.ofSeconds(2)); // no grace timer left behind
        assertThat(h.counters.get("cluster.kept_units.expired")).isZero();
    }

    @Test
    void aMemberThatBecomesMasterOwnsItsKeptUnitsAndGivesTheReturningMembersTheirsBack() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(MASTER_LOST);
        h.events.clear();
        h.advance(Duration.ofMillis(300)); // no answer, offer, 100 ms of silence
        assertThat(h.node.role()).isEqualTo(Role.MASTER);
        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.events).noneMatch(e -> e.startsWith("assigned") || e.startsWith("revoked"));
        assertThat(h.sent(MasterKeepalive.class).getLast().assignments()).isEqualTo(Map.of(U, SELF));

        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        h.scheduler.runDue();

        // m1's unit of the old table is assigned back to it; the dead master's (m9's) is not
        assertThat(h.sent(Assign.class)).extracting(Assign::unit, Assign::member).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OF_M1, LOW));
        assertThat(h.node.view().assignments()).isEqualTo(Map.of(U, SELF, OF_M1, LOW));
        assertThat(h.counters.get("cluster.assign.adopted")).isEqualTo(1);
    }

    @Test
    void aMemberThatJoinsTheNewMasterAfterTheGraceGetsNothingBack() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(MASTER_LOST);
        h.advance(Duration.ofMillis(300));
        assertThat(h.node.role()).isEqualTo(Role.MASTER);
        h.advance(Duration.ofMillis(800)); // the grace ran out 1 s after the master was lost

        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        h.scheduler.runDue();

        assertThat(h.sent(Assign.class)).isEmpty();
        assertThat(h.node.ownedUnits()).containsExactly(U); // a master's own units are not subject to the grace
    }

    @Test
    void aNewMasterRepeatsALostAckWithoutTakingTheAdoptedUnitsBack() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(MASTER_LOST);
        h.advance(Duration.ofMillis(300));
        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        h.scheduler.runDue();
        h.sent.clear();

        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9})); // our ACK was lost

        assertThat(h.sent(JoinAck.class)).hasSize(1);
        assertThat(h.counters.get("cluster.join.ack_repeated")).isEqualTo(1);
        assertThat(h.node.view().assignments()).containsEntry(OF_M1, LOW);
    }

    @Test
    void aMasterThatLosesTheTieBreakerKeepsItsUnitsWhileItJoinsTheWinner() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.node.demand(U, "p");
        h.node.demand(V, "p");
        Assign toLow = h.sent(Assign.class).getLast();
        h.receive(new AssignAck(LOW, toLow.term(), toLow.revision(), toLow.unit()));
        WorkUnit mine = h.node.ownedUnits().first();
        h.events.clear();

        h.receive(keepalive(3, 0, 1, Map.of(), HIGH, MemberId.of("m2"), MemberId.of("m3"))); // a bigger cluster

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.sent(Exit.class)).hasSize(MasterRole.STEP_DOWN_EXIT_COPIES).extracting(Exit::reason)
                .containsOnly(ExitReason.MASTER_STEPPED_DOWN);
        assertThat(h.node.ownedUnits()).containsExactly(mine);
        assertThat(h.events).noneMatch(e -> e.startsWith("revoked"));

        h.receive(new JoinAck(HIGH, SELF, 3));
        h.receive(keepalive(3, 0, 1, Map.of(), HIGH, SELF, MemberId.of("m2"), MemberId.of("m3")));

        assertThat(h.node.role()).isEqualTo(Role.MEMBER);
        assertThat(h.node.ownedUnits()).isEmpty(); // the winner does not give it to us
        assertThat(h.events).contains("revoked [" + mine + "]");
    }
}
