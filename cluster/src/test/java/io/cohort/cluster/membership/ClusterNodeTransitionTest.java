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
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.unit.WorkUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transitions of figure 6 and the events of figures 8A–8I, one row each: a node ("m5" at
 * 10.0.0.5) in a starting role receives one message; the row gives the role it ends in and the
 * messages it sends in answer, by type. Peers are "m1" (10.0.0.1, a lower address) and "m9"
 * (10.0.0.9, a higher one); a member's master is m9.
 */
class ClusterNodeTransitionTest {
    record Row(String event, Consumer<NodeHarness> setup, Function<NodeHarness, ClusterMessage> input,
            Role expected, List<Class<? extends ClusterMessage>> replies) {
        @Override
        public String toString() {
            return event;
        }
    }

    private static final Consumer<NodeHarness> JOINING = NodeHarness::joining;
    private static final Consumer<NodeHarness> OFFERING = NodeHarness::offering;
    private static final Consumer<NodeHarness> MEMBER = NodeHarness::member;
    private static final Consumer<NodeHarness> MEMBER_LISTED =
            h -> h.member().receive(keepalive(MASTER_TERM, 0, 1, Map.of(), HIGH, SELF));
    private static final Consumer<NodeHarness> MASTER = NodeHarness::master;
    private static final Consumer<NodeHarness> MASTER_WITH_M1 = h -> h.masterWith(LOW);
    private static final WorkUnit U = WorkUnit.of(42);

    static Stream<Row> rows() {
        return Stream.of(
                // Figure 6
                row("6/605: joining, OK to join -> member, first keepalive", JOINING,
                        h -> new JoinAck(HIGH, SELF, MASTER_TERM), Role.MEMBER, MemberKeepalive.class),
                row("6: joining, an OK to join for someone else is not ours", JOINING,
                        h -> new JoinAck(HIGH, LOW, MASTER_TERM), Role.JOINING),
                row("6/8F-877: joining, operation in progress -> keep waiting", JOINING,
                        h -> new JoinNak(HIGH, SELF, NakReason.OPERATION_IN_PROGRESS), Role.JOINING),
                row("6: joining, credential rejected -> refused", JOINING,
                        h -> new JoinNak(HIGH, SELF, NakReason.CREDENTIAL_REJECTED), Role.REFUSED),
                row("6/641: joining, stale configuration -> fetch it", JOINING,
                        h -> new Exit(HIGH, SELF, ExitReason.STALE_CONFIGURATION, 2), Role.UPDATING_CONFIGURATION),
                row("6/617: offering, other master exists -> join again", OFFERING,
                        h -> new OtherMasterExists(HIGH, SELF, 3, address(9)), Role.JOINING, JoinRequest.class),
                row("6/615: offering, a lower address offers too -> yield", OFFERING,
                        h -> new OfferMaster(LOW, address(1)), Role.JOINING, JoinRequest.class),
                row("6/615: offering, a higher address offers too -> keep offering", OFFERING,
                        h -> new OfferMaster(HIGH, address(9)), Role.OFFERING),
                row("6/615: offering, a master's keepalive -> join it", OFFERING,
                        h -> keepalive(MASTER_TERM, 0, 1, Map.of(), HIGH), Role.JOINING, JoinRequest.class),
                row("6/605: offering, a late OK to join -> member", OFFERING,
                        h -> new JoinAck(HIGH, SELF, MASTER_TERM), Role.MEMBER, MemberKeepalive.class),
                // Figures 8G-8I, 6/609
                row("8G: member, master keepalive listing us -> stay", MEMBER,
                        h -> keepalive(MASTER_TERM, 0, 1, Map.of(), HIGH, SELF), Role.MEMBER),
                row("8G: member, master keepalive without us -> rejoin", MEMBER_LISTED,
                        h -> keepalive(MASTER_TERM, 0, 1, Map.of(), HIGH), Role.JOINING, JoinRequest.class),
                row("8G: member, a keepalive without us before any with us (sent before our admission) -> ignored",
                        MEMBER, h -> keepalive(MASTER_TERM, 0, 1, Map.of(), HIGH), Role.MEMBER),
                row("8G/641: member, cluster configuration newer -> fetch it", MEMBER,
                        h -> keepalive(MASTER_TERM, 0, 2, Map.of(), HIGH, SELF), Role.UPDATING_CONFIGURATION),
                row("8G: member, our master in a new term -> rejoin", MEMBER,
                        h -> keepalive(MASTER_TERM + 1, 0, 1, Map.of(), HIGH, SELF), Role.JOINING, JoinRequest.class),
                row("8G: member, a late keepalive from our master's older term -> ignored", MEMBER,
                        h -> keepalive(MASTER_TERM - 1, 0, 1, Map.of(), HIGH), Role.MEMBER),
                row("6/609: member, exit request from our master -> rejoin", MEMBER,
                        h -> new Exit(HIGH, SELF, ExitReason.NOT_A_MEMBER, 1), Role.JOINING, JoinRequest.class),
                row("6/609: member, exit request from another node -> ignored", MEMBER,
                        h -> new Exit(LOW, SELF, ExitReason.NOT_A_MEMBER, 1), Role.MEMBER),
                row("9/937: member, assign -> own it, acknowledge", MEMBER,
                        h -> new Assign(HIGH, MASTER_TERM, 1, U, SELF), Role.MEMBER, AssignAck.class),
                row("9: member, assign from an old term -> ignored", MEMBER,
                        h -> new Assign(HIGH, MASTER_TERM - 1, 1, U, SELF), Role.MEMBER),
                row("8D/863: member, de-assign -> release, acknowledge", MEMBER,
                        h -> new Deassign(HIGH, MASTER_TERM, 2, U, LOW), Role.MEMBER, DeassignAck.class),
                row("6: member, someone offers to be master -> not ours to answer", MEMBER,
                        h -> new OfferMaster(LOW, address(1)), Role.MEMBER),
                // Figure 8A: tie-breaker
                row("8A/807: master, our own keepalive -> ignored", MASTER,
                        h -> withSender(keepalive(h.term(), 0, 1, Map.of(), HIGH), SELF), Role.MASTER),
                row("8A/813: master of 1, other master of 2 -> exit and rejoin", MASTER,
                        h -> keepalive(3, 0, 1, Map.of(), HIGH, LOW), Role.JOINING, JoinRequest.class),
                row("8A/809: master of 2, other master of 1 -> other master exists", MASTER_WITH_M1,
                        h -> keepalive(3, 0, 1, Map.of(), HIGH), Role.MASTER, OtherMasterExists.class),
                row("8A/817: equal counts, ours the lower address -> other master exists", MASTER,
                        h -> keepalive(3, 0, 1, Map.of(), HIGH), Role.MASTER, OtherMasterExists.class),
                row("8A/819: equal counts, theirs the lower address -> exit and rejoin", MASTER,
                        h -> withSender(keepalive(3, 0, 1, Map.of(), HIGH), LOW), Role.JOINING, JoinRequest.class),
                row("8A/821: master of 2 loses -> its member is told to exit", MASTER_WITH_M1,
                        h -> keepalive(3, 0, 1, Map.of(), HIGH, MemberId.of("m2"), MemberId.of("m3")),
                        Role.JOINING, Exit.class, JoinRequest.class),
                row("8A: other master exists, and it wins -> exit and rejoin", MASTER,
                        h -> new OtherMasterExists(LOW, SELF, 1, address(1)), Role.JOINING, JoinRequest.class),
                row("8A: other master exists, but we win -> stay", MASTER,
                        h -> new OtherMasterExists(HIGH, SELF, 1, address(9)), Role.MASTER),
                row("6/617: master, someone offers -> other master exists", MASTER,
                        h -> new OfferMaster(LOW, address(1)), Role.MASTER, OtherMasterExists.class),
                // Figures 8B, 8F
                row("8F/877: master, join request -> operation in progress", MASTER,
                        h -> new JoinRequest(LOW, address(1), 1, new byte[] {9}), Role.MASTER, JoinNak.class),
                row("8F/641: master, join with an older configuration -> exit", MASTER,
                        h -> new JoinRequest(LOW, address(1), 0, new byte[] {9}), Role.MASTER, Exit.class),
                row("641: master, join with a newer configuration -> this master is stale", MASTER,
                        h -> new JoinRequest(LOW, address(1), 2, new byte[] {9}), Role.UPDATING_CONFIGURATION),
                row("8F: master, join request from a member (lost ACK, restart) -> ACK again", MASTER_WITH_M1,
                        h -> new JoinRequest(LOW, address(1), 1, new byte[] {9}), Role.MASTER, JoinAck.class),
                row("8B/833: master, keepalive from a non-member -> exit", MASTER,
                        h -> new MemberKeepalive(LOW, h.term(), 1), Role.MASTER, Exit.class),
                row("8B/835: master, keepalive from a member -> counted", MASTER_WITH_M1,
                        h -> new MemberKeepalive(LOW, h.term(), 1), Role.MASTER),
                row("8B: master, keepalive from a member of another term -> exit", MASTER_WITH_M1,
                        h -> new MemberKeepalive(LOW, h.term() + 1, 1), Role.MASTER, Exit.class),
                row("641: master told its configuration is stale -> fetch it", MASTER,
                        h -> new Exit(LOW, SELF, ExitReason.STALE_CONFIGURATION, 3), Role.UPDATING_CONFIGURATION));
    }

    @SafeVarargs
    private static Row row(String event, Consumer<NodeHarness> setup, Function<NodeHarness, ClusterMessage> input,
            Role expected, Class<? extends ClusterMessage>... replies) {
        return new Row(event, setup, input, expected, List.of(replies));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void transition(Row row) {
        NodeHarness h = new NodeHarness();
        row.setup().accept(h);
        ClusterMessage input = row.input().apply(h);
        h.sent.clear();

        h.receive(input);

        assertThat(h.node.role()).isEqualTo(row.expected());
        List<String> replies = h.sent.stream().map(s -> s.message().getClass().getSimpleName()).distinct().toList();
        assertThat(replies).containsExactlyInAnyOrderElementsOf(row.replies().stream().map(Class::getSimpleName).toList());
    }

    /** A keepalive as if sent by {@code sender}. */
    private static MasterKeepalive withSender(MasterKeepalive k, MemberId sender) {
        List<MemberEntry> members = new java.util.ArrayList<>(k.members().stream().filter(m -> !m.id().equals(HIGH)).toList());
        members.add(new MemberEntry(sender, NodeHarness.addressOf(sender)));
        return new MasterKeepalive(sender, k.term(), k.revision(), k.configVersion(), members, k.lossTolerance(),
                new TreeMap<>(k.assignments()));
    }
}
