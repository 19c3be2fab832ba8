package io.cohort.cluster.membership;

import static io.cohort.cluster.membership.NodeHarness.HIGH;
import static io.cohort.cluster.membership.NodeHarness.LOW;
import static io.cohort.cluster.membership.NodeHarness.MASTER_TERM;
import static io.cohort.cluster.membership.NodeHarness.SELF;
import static io.cohort.cluster.membership.NodeHarness.keepalive;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node serves its units only under its lease (fencing; README "Fencing"). */
class LeaseTest {
    private static final WorkUnit U = WorkUnit.of(42);

    @Test
    void aMemberServesItsUnitsOnlyWhileKeepalivesThatListItKeepComing() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        assertThat(h.node.serves(U)).isTrue();

        h.advance(Duration.ofMillis(151)); // lease 3/4 of t = 150 ms; the watchdog (200 ms) has not expired

        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.node.serves(U)).isFalse();
        assertThat(h.node.servedUnits()).isEmpty();
        assertThat(h.node.leaseValid(h.scheduler.nanos())).isFalse();

        h.receive(keepalive(MASTER_TERM, 1, 1, Map.of(U, SELF), HIGH, SELF));

        assertThat(h.node.serves(U)).isTrue();
    }

    @Test
    void aJoinAckAloneGivesNoLease() {
        NodeHarness h = new NodeHarness().member();
        h.receive(new Assign(HIGH, MASTER_TERM, 1, U, SELF));

        assertThat(h.node.ownedUnits()).containsExactly(U);
        assertThat(h.node.serves(U)).isFalse(); // until the first keepalive that lists this member

        h.receive(keepalive(MASTER_TERM, 1, 1, Map.of(U, SELF), HIGH, SELF));
        assertThat(h.node.serves(U)).isTrue();
    }

    @Test
    void aMemberTheMasterNeverListsAfterItsJoinAckJoinsAgain() {
        NodeHarness h = new NodeHarness().member();

        h.receive(keepalive(MASTER_TERM, 1, 1, Map.of(), HIGH, LOW)); // sent before the admission: ignored
        assertThat(h.node.role()).isEqualTo(Role.MEMBER);
        h.advance(Duration.ofMillis(150));
        h.receive(keepalive(MASTER_TERM, 2, 1, Map.of(), HIGH, LOW));
        assertThat(h.node.role()).isEqualTo(Role.MEMBER);

        h.advance(Duration.ofMillis(60)); // a watchdog timeout (200 ms) after the JoinAck, still not listed
        h.receive(keepalive(MASTER_TERM, 3, 1, Map.of(), HIGH, LOW));

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
    }

    @Test
    void aKeepaliveThatDoesNotListTheMemberRenewsNothing() {
        NodeHarness h = new NodeHarness().memberOwning(U);
        h.advance(Duration.ofMillis(100));

        h.receive(keepalive(MASTER_TERM, 1, 1, Map.of(), HIGH, LOW)); // dropped from the list

        assertThat(h.node.role()).isEqualTo(Role.JOINING);
        assertThat(h.node.ownedUnits()).isEmpty();
    }

    @Test
    void aMasterServesItsOwnUnitsUnderTheLeaseItsKeepalivesRenew() {
        NodeHarness h = new NodeHarness().masterWith(LOW);
        h.node.demand(WorkUnit.of(0), "p"); // m1 first by name: it gets unit 0
        Assign assign = h.sent(Assign.class).getFirst();
        h.receive(new AssignAck(LOW, assign.term(), assign.revision(), WorkUnit.of(0)));
        h.node.demand(WorkUnit.of(1), "p"); // then the master, less loaded, unit 1

        for (int i = 0; i < 20; i++) { // one second with m1 alive
            h.receive(NodeHarness.memberKeepalive(LOW, h.term(), i));
            h.advance(Duration.ofMillis(50));
        }

        assertThat(h.node.serves(WorkUnit.of(1))).isTrue();
        assertThat(h.node.serves(WorkUnit.of(0))).isFalse(); // m1's
    }
}
