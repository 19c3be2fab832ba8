package io.cohort.steering.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capture's copy of the master's forwarding table. */
class OwnerTableTest {
    @Test
    void eachUnitHasItsAcknowledgedOwnerOrNoneAndAnUpdateReplacesTheWholeTable() throws Exception {
        MemberId m1 = MemberId.of("m1");
        MemberId m2 = MemberId.of("m2");
        MemberId m3 = MemberId.of("m3");
        OwnerTable table = new OwnerTable();
        assertThat(table.owner(WorkUnit.of(5))).isNull();

        table.update(Map.of(
                WorkUnit.of(5), new MemberEntry(m1, new MemberAddress(InetAddress.getByName("10.77.0.11"), 7400)),
                WorkUnit.of(6), new MemberEntry(m2, new MemberAddress(InetAddress.getByName("10.77.0.12"), 7400)),
                WorkUnit.of(7), new MemberEntry(m3, new MemberAddress(InetAddress.getByName("2001:db8::3"), 7400))), m1);

        assertThat(table.owner(WorkUnit.of(5)).self()).isTrue();
        assertThat(table.owner(WorkUnit.of(6)).self()).isFalse();
        assertThat(table.owner(WorkUnit.of(6)).address()).map(InetAddress::getHostAddress).contains("10.77.0.12");
        assertThat(table.owner(WorkUnit.of(7)).address()).isEmpty();

        table.update(Map.of(), m1);
        assertThat(table.owner(WorkUnit.of(5))).isNull();
    }
}
