package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ClusterViewRenderingTest {
    private static final MemberId A = MemberId.of("a");
    private static final MemberId B = MemberId.of("b");

    private static ClusterView view() throws Exception {
        SortedMap<WorkUnit, MemberId> units = new TreeMap<>();
        for (int u = 0; u <= 12; u++) {
            units.put(WorkUnit.of(u), A);
        }
        units.put(WorkUnit.of(40), B);
        units.put(WorkUnit.of(42), B);
        units.put(WorkUnit.of(43), B);
        return new ClusterView(A, Role.MASTER, Optional.of(A),
                List.of(new MemberEntry(A, new MemberAddress(InetAddress.getByName("10.0.0.1"), 7400)),
                        new MemberEntry(B, new MemberAddress(InetAddress.getByName("10.0.0.2"), 7400))),
                6, Duration.ofNanos(28_571_428), Map.of(B, 0.0125), units,
                new TreeSet<>(units.headMap(WorkUnit.of(13)).keySet()), 3);
    }

    @Test
    void textShowsMembersMasterIntervalLossAndWhichUnitsEachOwns() throws Exception {
        String text = ClusterViewRendering.text(view(), List.of());

        assertThat(text).startsWith("member a (master), master a, configuration version 3\nkeepalive every 28 ms (n = 6)\n")
                .contains("units assigned: 16 of 1024; this member owns 13");
        assertThat(text.lines().filter(l -> l.startsWith("a ") || l.startsWith("b ")).toList()).satisfiesExactly(
                a -> assertThat(a.split("\\s+")).containsExactly("a", "10.0.0.1:7400", "master", "13", "-", "0-12"),
                b -> assertThat(b.split("\\s+")).containsExactly("b", "10.0.0.2:7400", "member", "3", "1.25%", "40,42-43"));
    }

    @Test
    void jsonCarriesTheSame() throws Exception {
        assertThat(ClusterViewRendering.json(view(), List.of())).isEqualTo("{\"self\":\"a\",\"role\":\"master\",\"master\":\"a\","
                + "\"configVersion\":3,\"lossTolerance\":6,\"keepaliveIntervalMicros\":28571,\"unitsAssigned\":16,"
                + "\"members\":[{\"name\":\"a\",\"address\":\"10.0.0.1:7400\",\"units\":13,\"unitRanges\":\"0-12\","
                + "\"lossPpm\":null},{\"name\":\"b\",\"address\":\"10.0.0.2:7400\",\"units\":3,"
                + "\"unitRanges\":\"40,42-43\",\"lossPpm\":12500}],\"registered\":[]}\n");
    }

    @Test
    void rangesOfNoUnitsAreADash() {
        assertThat(ClusterViewRendering.ranges(new TreeSet<>())).isEqualTo("-");
    }
}
