package io.cohort.cluster.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The messages validate what they carry and do not share mutable state. */
class ClusterMessageTest {
    private static final MemberId A = MemberId.of("a");
    private static final MemberId B = MemberId.of("b");

    private static MemberAddress address(int last) {
        try {
            return new MemberAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), 4500);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aJoinRequestCopiesItsCredentialAndComparesByContent() {
        byte[] credential = {1, 2, 3};
        JoinRequest j = new JoinRequest(A, address(1), 4, credential);
        credential[0] = 9;
        j.credential()[1] = 9;

        assertThat(j.credential()).containsExactly(1, 2, 3);
        assertThat(j).isEqualTo(new JoinRequest(A, address(1), 4, new byte[] {1, 2, 3}));
        assertThat(j).hasSameHashCodeAs(new JoinRequest(A, address(1), 4, new byte[] {1, 2, 3}));
        assertThat(j.toString()).contains("3 bytes 010203");
        assertThatThrownBy(() -> new JoinRequest(A, address(1), -1, credential)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMasterKeepaliveListsItsSenderOnceAndAssignsUnitsOnlyToMembers() {
        List<MemberEntry> both = List.of(new MemberEntry(A, address(1)), new MemberEntry(B, address(2)));
        MasterKeepalive k = new MasterKeepalive(A, 1, 2, 3, both, 4, new TreeMap<>(Map.of(WorkUnit.of(5), B)));
        assertThat(k.lists(B)).isTrue();
        assertThat(k.lists(MemberId.of("c"))).isFalse();

        assertThatThrownBy(() -> new MasterKeepalive(MemberId.of("c"), 1, 2, 3, both, 4, new TreeMap<>()))
                .hasMessageContaining("not in its member list");
        assertThatThrownBy(() -> new MasterKeepalive(A, 1, 2, 3, List.of(both.get(0), both.get(0)), 4, new TreeMap<>()))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new MasterKeepalive(A, 1, 2, 3, both, 4,
                new TreeMap<>(Map.of(WorkUnit.of(5), MemberId.of("c"))))).hasMessageContaining("not a member");
        assertThatThrownBy(() -> new MasterKeepalive(A, 1, 2, 3, both, 0, new TreeMap<>()))
                .hasMessageContaining("loss tolerance");
    }

    @Test
    void addressesOrderByUnsignedBytesThenPort() {
        assertThat(address(127)).isLessThan(address(128));
        assertThat(new MemberAddress(address(1).ip(), 1)).isLessThan(address(1));
        assertThatThrownBy(() -> new MemberAddress(address(1).ip(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherMasterExistsCountsItsSender() {
        assertThatThrownBy(() -> new OtherMasterExists(A, B, 0, address(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyOperationInProgressIsNotFinal() {
        assertThat(NakReason.OPERATION_IN_PROGRESS.isFinal()).isFalse();
        assertThat(NakReason.CREDENTIAL_REJECTED.isFinal()).isTrue();
        assertThat(NakReason.APPLICATION_REJECTED.isFinal()).isTrue();
    }
}
