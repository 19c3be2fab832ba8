package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
    private static MemberView view(String self, String master, int assigned, Map<String, Integer> units) {
        return new MemberView(self, self.equals(master) ? "master" : "member", Optional.of(master), assigned, units,
                Map.of());
    }

    private static ClusterSnapshot.Member member(String name, MemberView view) {
        return new ClusterSnapshot.Member(name, "10.77.0.1" + name.charAt(1), Optional.of(view),
                Optional.of(new MemberSessions(List.of(new MemberSessions.Session("l2tp", "up", "10.98.1.2", 1, 1)))));
    }

    @Test
    void formedWhenEveryMemberFollowsOneMasterListsAllAndSeesEveryUnitAssigned() {
        Map<String, Integer> even = Map.of("m1", 342, "m2", 341, "m3", 341);
        ClusterSnapshot s = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, even)),
                member("m2", view("m2", "m1", 1024, even)), member("m3", view("m3", "m1", 1024, even))));

        assertThat(s.formedMaster()).contains("m1");
        assertThat(s.evenlySpread()).isTrue();
        assertThat(s.units("m2")).isEqualTo(341);
        assertThat(s.sessionsUp("l2tp")).isEqualTo(3);
        assertThat(s.render()).contains("m1      10.77.0.11  master  342    1     0")
                .contains("master m1; units assigned 1024 of 1024; sessions up: l2tp 3, pptp 0");
    }

    @Test
    void notFormedWhileAMemberFollowsAnotherMasterOrUnitsAreMissing_unevenWhenOneHoldsAlmostAll() {
        Map<String, Integer> units = Map.of("m1", 1020, "m2", 2, "m3", 2);
        ClusterSnapshot uneven = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, units)),
                member("m2", view("m2", "m1", 1024, units)), member("m3", view("m3", "m1", 1024, units))));
        ClusterSnapshot twoMasters = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, units)),
                member("m2", view("m2", "m2", 1024, units)), member("m3", view("m3", "m1", 1024, units))));
        ClusterSnapshot unassigned = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1000, units)),
                member("m2", view("m2", "m1", 1000, units)), member("m3", view("m3", "m1", 1000, units))));

        assertThat(uneven.formedMaster()).contains("m1");
        assertThat(uneven.evenlySpread()).isFalse();
        assertThat(twoMasters.formedMaster()).isEmpty();
        assertThat(unassigned.formedMaster()).isEmpty();
    }
}
