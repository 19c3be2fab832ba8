package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
    /** A member's view, as the server would render it: each member owns the given number of units, in one run. */
    private static ClusterDocument view(String self, String master, int assigned, Map<String, Integer> units) {
        return view(self, master, assigned, units, List.of());
    }

    /** As {@link #view(String, String, int, Map)}, with the members it sees being drained. */
    private static ClusterDocument view(String self, String master, int assigned, Map<String, Integer> units,
                                        List<String> draining) {
        List<ClusterDocument.Member> members = new ArrayList<>();
        int next = 0;
        for (String name : new TreeMap<>(units).keySet()) {
            int n = units.get(name);
            members.add(new ClusterDocument.Member(name, "10.77.0.1" + name.charAt(1) + ":7400", n,
                    n == 0 ? List.of() : List.of(new UnitRange(next, next + n - 1)), Optional.empty()));
            next += n;
        }
        return new ClusterDocument(true, self, self.equals(master) ? "master" : "member", Optional.of(master), 1, 6,
                28_571, assigned, members, List.of(), Optional.empty(), draining);
    }

    /** A member serving one L2TP session that is up. */
    private static ClusterSnapshot.Member member(String name, ClusterDocument view) {
        Instant t = Instant.parse("2026-12-07T08:00:00Z");
        StatusDocument status = new StatusDocument(new StatusDocument.Server(name, "test", t, t), List.of(),
                List.of(new StatusDocument.Session("l2tp", 1, 1, 1, Optional.of("u]ser\"{"), Optional.of("10.98.1.2"),
                        "up", t, 1, 1, 1, 1)),
                List.of(), new StatusDocument.Pool("10.98.1.0/24", "10.98.1.1", 253, 1, List.of()), Map.of());
        return new ClusterSnapshot.Member(name, "10.77.0.1" + name.charAt(1), Optional.of(view), Optional.of(status));
    }

    @Test
    void formedWhenEveryMemberFollowsOneMasterListsAllAndSeesEveryUnitAssigned() {
        Map<String, Integer> even = Map.of("m1", 342, "m2", 341, "m3", 341);
        ClusterSnapshot s = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, even)),
                member("m2", view("m2", "m1", 1024, even)), member("m3", view("m3", "m1", 1024, even))));

        assertThat(s.formedMaster()).contains("m1");
        assertThat(s.evenlySpread()).isTrue();
        assertThat(s.units("m2")).isEqualTo(341);
        assertThat(s.unitsOf("m2")).hasSize(341).contains(342, 682);
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

    @Test
    void aMemberIsDrainingWhenItOrTheMasterSaysSo() {
        Map<String, Integer> units = Map.of("m1", 512, "m2", 0, "m3", 512);
        ClusterSnapshot s = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, units, List.of("m2"))),
                member("m2", view("m2", "m1", 1024, units, List.of("m2"))), member("m3", view("m3", "m1", 1024, units))));
        ClusterSnapshot beforeTheMasterKnows = new ClusterSnapshot(List.of(member("m1", view("m1", "m1", 1024, units)),
                member("m2", view("m2", "m1", 1024, units, List.of("m2"))), member("m3", view("m3", "m1", 1024, units))));

        assertThat(s.draining("m2")).isTrue();
        assertThat(s.draining("m3")).isFalse();
        assertThat(s.drainingMembers()).containsExactly("m2");
        assertThat(beforeTheMasterKnows.draining("m2")).isTrue();
        assertThat(s.render()).contains("m2      10.77.0.12  member (draining)  0 ");
    }
}
