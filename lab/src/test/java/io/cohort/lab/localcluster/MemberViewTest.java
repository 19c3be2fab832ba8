package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberViewTest {
    /** What ClusterViewRendering.json writes (its test's expectation). */
    private static final String JSON = "{\"self\":\"a\",\"role\":\"master\",\"master\":\"a\","
            + "\"configVersion\":3,\"lossTolerance\":6,\"keepaliveIntervalMicros\":28571,\"unitsAssigned\":16,"
            + "\"members\":[{\"name\":\"a\",\"address\":\"10.0.0.1:7400\",\"units\":13,\"unitRanges\":\"0-12\","
            + "\"lossPpm\":null},{\"name\":\"b\",\"address\":\"10.0.0.2:7400\",\"units\":3,"
            + "\"unitRanges\":\"40,42-43\",\"lossPpm\":12500}],\"registered\":[]}\n";

    @Test
    void readsRoleMasterUnitsAndEachMembersUnits() {
        MemberView v = MemberView.parse(JSON).orElseThrow();
        assertThat(v.self()).isEqualTo("a");
        assertThat(v.role()).isEqualTo("master");
        assertThat(v.master()).contains("a");
        assertThat(v.unitsAssigned()).isEqualTo(16);
        assertThat(v.unitsByMember()).isEqualTo(Map.of("a", 13, "b", 3));
        assertThat(v.unitsOf("b")).containsExactly(40, 42, 43);
        assertThat(v.unitsOf("a")).hasSize(13).contains(0, 12);
        assertThat(v.unitsOf("c")).isEmpty();
    }

    @Test
    void aMemberWithoutMasterAndTheAnswerOfAServerOutsideAClusterAreTold() {
        assertThat(MemberView.parse(JSON.replace("\"master\":\"a\"", "\"master\":null")).orElseThrow().master())
                .isEqualTo(Optional.empty());
        assertThat(MemberView.parse("this server is not a cluster member ([cluster] enabled = false)\n")).isEmpty();
    }
}
