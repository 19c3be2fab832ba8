package io.cohort.cluster.membership;

import static io.cohort.cluster.membership.NodeHarness.HIGH;
import static io.cohort.cluster.membership.NodeHarness.LOW;
import static io.cohort.cluster.membership.NodeHarness.SELF;
import static io.cohort.cluster.membership.NodeHarness.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.cluster.message.OfferMaster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Figure 6's timing and figure 8F's join procedure, over time. */
class JoinAndElectionTest {
    @Test
    void aLoneNodeRepeatsItsJoinThenOffersThenBecomesMasterAfter100msOfSilence() {
        NodeHarness h = new NodeHarness().joining();
        assertThat(h.sent(JoinRequest.class)).hasSize(1);

        h.advance(Duration.ofMillis(199));
        assertThat(h.sent(JoinRequest.class)).hasSize(4); // at 0, 50, 100, 150 ms
        assertThat(h.node.role()).isEqualTo(Role.JOINING);

        h.advance(Duration.ofMillis(1));
        assertThat(h.node.role()).isEqualTo(Role.OFFERING);
        assertThat(h.sent(OfferMaster.class)).singleElement().extracting(OfferMaster::address).isEqualTo(address(5));

        h.advance(Duration.ofMillis(99));
        assertThat(h.node.role()).isEqualTo(Role.OFFERING);
        assertThat(h.announcements).isZero();
        assertThat(h.sent(OfferMaster.class)).hasSize(2); // at 200 and 250 ms: a lost copy is not the end of it

        h.advance(Duration.ofMillis(1));
        assertThat(h.node.role()).isEqualTo(Role.MASTER);
        assertThat(h.announcements).isEqualTo(1);
        assertThat(h.sent(MasterKeepalive.class)).singleElement().satisfies(k -> {
            assertThat(k.lists(SELF)).isTrue();
            assertThat(k.members()).hasSize(1);
        });
    }

    @Test
    void operationInProgressHoldsOffTheOfferUntilTheApprovalTimeout() {
        NodeHarness h = new NodeHarness().joining();
        h.receive(new JoinNak(HIGH, SELF, NakReason.OPERATION_IN_PROGRESS));

        h.advance(Duration.ofMillis(1_999));
        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.sent(OfferMaster.class)).isEmpty();

        h.receive(new JoinAck(HIGH, SELF, 7));
        assertThat(h.node.role()).isEqualTo(Role.MEMBER);
        assertThat(h.events).contains("joined m9");
    }

    @Test
    void aRefusedNodeNeverOffersAndTriesAgainAfterItsBackoff() {
        NodeHarness h = new NodeHarness().joining();
        h.receive(new JoinNak(HIGH, SELF, NakReason.APPLICATION_REJECTED));
        h.sent.clear();

        h.advance(Duration.ofMillis(999));
        assertThat(h.node.role()).isEqualTo(Role.REFUSED);
        assertThat(h.sent).isEmpty();

        h.advance(Duration.ofMillis(1));
        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.sent(JoinRequest.class)).hasSize(1);
    }

    @Test
    void theMasterAsksTheApplicationAndAcksOnlyWhenItApproves() {
        NodeHarness h = new NodeHarness().master();
        CompletableFuture<JoinVerdict> verdict = new CompletableFuture<>();
        h.approval = m -> verdict;
        h.sent.clear();

        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9})); // repeated while waiting
        h.advance(Duration.ofMillis(10));

        assertThat(h.sent(JoinNak.class)).hasSize(2).allMatch(n -> n.reason() == NakReason.OPERATION_IN_PROGRESS);
        assertThat(h.events).containsOnlyOnce("approve? m1");
        assertThat(h.sent(JoinAck.class)).isEmpty();

        verdict.complete(JoinVerdict.APPROVED);
        h.scheduler.runDue();
        assertThat(h.sent(JoinAck.class)).singleElement().extracting(JoinAck::target).isEqualTo(LOW);
        assertThat(h.events).contains("joined m1");
        assertThat(h.node.members()).containsExactly(LOW, SELF);
    }

    @Test
    void theMasterNaksWithTheReasonWhenTheApplicationOrTheCredentialRefuses() {
        NodeHarness h = new NodeHarness().master();
        h.approval = m -> CompletableFuture.completedFuture(JoinVerdict.REJECTED);
        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        h.scheduler.runDue();
        assertThat(h.sent(JoinNak.class)).extracting(JoinNak::reason)
                .containsExactly(NakReason.OPERATION_IN_PROGRESS, NakReason.APPLICATION_REJECTED);

        h.credentials = (m, c) -> false;
        h.sent.clear();
        h.receive(new JoinRequest(LOW, address(1), 1, new byte[] {9}));
        assertThat(h.sent(JoinNak.class)).extracting(JoinNak::reason).containsExactly(NakReason.CREDENTIAL_REJECTED);
        assertThat(h.node.members()).containsExactly(SELF);
    }

    @Test
    void theMastersWatchdogRemovesASilentMemberAfterTheWatchdogTimeout() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        for (int seq = 0; seq < 20; seq++) { // 2 s of keepalives every 100 ms keep it alive
            h.receive(NodeHarness.memberKeepalive(LOW, term, seq));
            h.advance(Duration.ofMillis(100));
        }
        assertThat(h.node.members()).contains(LOW);

        h.advance(Duration.ofMillis(101)); // 201 ms since the last one
        assertThat(h.node.members()).containsExactly(SELF);
        assertThat(h.events).contains("left m1");
        assertThat(h.counters.get("cluster.master.member_lost")).isEqualTo(1);
    }

    @Test
    void theMasterKeepaliveCadenceFollowsTheAnnouncedN() {
        NodeHarness h = new NodeHarness().master();
        int n = h.sent(MasterKeepalive.class).getFirst().lossTolerance();
        h.sent.clear();

        h.advance(Duration.ofMillis(200));

        assertThat(n).isEqualTo(6); // P starts at 5 %, K = 3,024,000 (one week, the default)
        assertThat(h.sent(MasterKeepalive.class)).hasSize(n + 1); // every t / (n + 1), about 29 ms
    }

    @Test
    void aMemberSendsIncreasingSequenceNumbersAndRejoinsWhenTheMasterFallsSilent() {
        NodeHarness h = new NodeHarness().member();
        h.advance(Duration.ofMillis(150));
        h.receive(NodeHarness.keepalive(NodeHarness.MASTER_TERM, 0, 1, java.util.Map.of(), HIGH, SELF));

        // Every t / (n + 1) with the default n = 6, about 29 ms: six in 150 ms.
        assertThat(h.sent(MemberKeepalive.class)).extracting(MemberKeepalive::sequence)
                .containsExactly(0, 1, 2, 3, 4, 5);

        h.advance(Duration.ofMillis(200));
        assertThat(h.node.role()).isEqualTo(Role.MEMBER);
        h.advance(Duration.ofMillis(1));
        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.events).contains("left m9");
    }

    @Test
    void keepaliveSequenceNumbersContinueAcrossMemberships() {
        NodeHarness h = new NodeHarness().member();
        h.advance(Duration.ofMillis(100)); // every t / (n + 1) with the default n = 6: sent at 0, 29, 57 and 86 ms
        h.receive(new Exit(HIGH, SELF, ExitReason.NOT_A_MEMBER, 1));
        h.receive(new JoinAck(HIGH, SELF, NodeHarness.MASTER_TERM));

        assertThat(h.sent(MemberKeepalive.class)).extracting(MemberKeepalive::sequence).containsExactly(0, 1, 2, 3, 4);
    }

    /**
     * The master's view shows each member's measured keepalive loss: none on a clean link, although
     * P, which still carries its initial 5 %, keeps n at the default horizon's 6; one keepalive
     * missing shows at once.
     */
    @Test
    void theMasterShowsTheMeasuredLossNotThePriorThatChoosesN() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        long term = h.term();
        for (int seq = 0; seq < 100; seq++) {
            h.receive(NodeHarness.memberKeepalive(LOW, term, seq));
            h.advance(Duration.ofMillis(40));
        }

        assertThat(h.node.view().lossEstimates()).containsEntry(LOW, 0.0);
        assertThat(h.node.view().lossTolerance()).isEqualTo(6);

        h.receive(NodeHarness.memberKeepalive(LOW, term, 101)); // 100 is missing
        assertThat(h.node.view().lossEstimates().get(LOW)).isBetween(0.009, 0.02);
    }

    /** A master that stops tells its members, which elect the next master without waiting for their watchdog t. */
    @Test
    void aLeavingMasterTellsItsMembersItStepsDown() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.sent.clear();

        h.node.leave();

        assertThat(h.sent(Exit.class)).hasSize(MasterRole.STEP_DOWN_EXIT_COPIES).allSatisfy(e -> {
            assertThat(e.target()).isEqualTo(LOW);
            assertThat(e.reason()).isEqualTo(ExitReason.MASTER_STEPPED_DOWN);
        });
        assertThat(h.node.role()).isEqualTo(Role.STOPPED);
        assertThat(h.counters.get("cluster.master.stepped_down")).isEqualTo(1);
    }

    /** A member that stops lets go of its units, then tells its master, which moves them at once. */
    @Test
    void aLeavingMemberLetsGoOfItsUnitsThenTellsItsMaster() {
        NodeHarness h = new NodeHarness().memberOwning(WorkUnit.of(3), WorkUnit.of(4));
        h.sent.clear();

        h.node.leave();

        assertThat(h.events).contains("revoked [unit 3, unit 4]");
        assertThat(h.sent(Exit.class)).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo(HIGH);
            assertThat(e.reason()).isEqualTo(ExitReason.MEMBER_LEFT);
        });
        assertThat(h.sent).hasSize(1);
        assertThat(h.node.role()).isEqualTo(Role.STOPPED);
        assertThat(h.counters.get("cluster.member.left")).isEqualTo(1);
    }

    /** "Operation in progress" is the first answer to every join (figure 8F): counted apart from refusals. */
    @Test
    void operationInProgressIsNotCountedAsARefusal() {
        NodeHarness h = new NodeHarness().joining();

        h.receive(new JoinNak(HIGH, SELF, NakReason.OPERATION_IN_PROGRESS));
        h.receive(new JoinNak(HIGH, SELF, NakReason.APPLICATION_REJECTED));

        assertThat(h.counters.get("cluster.rx.JoinInProgress")).isEqualTo(1);
        assertThat(h.counters.get("cluster.rx.JoinNak")).isEqualTo(1);
    }
}
