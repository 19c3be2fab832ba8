package io.cohort.server.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterDocumentTest {
    @Test
    void jsonCarriesTheViewWithUnitsAsRanges() throws Exception {
        assertThat(ControlJson.write(ClusterDocument.of(ClusterFixtures.view(), List.of(), Optional.empty()))).isEqualTo("{\"clustered\":true,"
                + "\"self\":\"a\",\"role\":\"master\",\"master\":\"a\","
                + "\"configVersion\":3,\"lossTolerance\":6,\"keepaliveIntervalMicros\":28571,\"unitsAssigned\":16,"
                + "\"members\":[{\"name\":\"a\",\"address\":\"10.0.0.1:7400\",\"units\":13,"
                + "\"unitRanges\":[{\"first\":0,\"last\":12}],\"lossPpm\":null},"
                + "{\"name\":\"b\",\"address\":\"10.0.0.2:7400\",\"units\":3,"
                + "\"unitRanges\":[{\"first\":40,\"last\":40},{\"first\":42,\"last\":43}],\"lossPpm\":12500}],"
                + "\"registered\":[],\"replication\":null,\"draining\":[]}\n");
    }

    @Test
    void jsonListsTheMembersBeingDrainedAndReadsThemBack() throws Exception {
        ClusterDocument rendered = ClusterDocument.of(ClusterFixtures.viewWithBDraining(), List.of(), Optional.empty());

        String json = ControlJson.write(rendered);
        ClusterDocument read = ControlJson.read(json, ClusterDocument.class);

        assertThat(json).endsWith(",\"draining\":[\"b\"]}\n");
        assertThat(read).isEqualTo(rendered);
        assertThat(read.draining("b")).isTrue();
        assertThat(read.draining("a")).isFalse();
    }

    @Test
    void aDocumentOfAnOlderServerListsNobodyDraining() {
        ClusterDocument read = ControlJson.read("{\"clustered\":true,\"self\":\"a\"}", ClusterDocument.class);

        assertThat(read.draining()).isEmpty();
        assertThat(read.draining("a")).isFalse();
    }

    @Test
    void theServersRenderingReadsBackAsTheSameDocument() throws Exception {
        ClusterDocument rendered = ClusterDocument.of(ClusterFixtures.view(), List.of(), Optional.empty());

        ClusterDocument read = ControlJson.read(ControlJson.write(rendered), ClusterDocument.class);

        assertThat(read).isEqualTo(rendered);
        assertThat(read.memberNames()).containsExactly("a", "b");
        assertThat(read.unitsOf("b")).containsExactly(40, 42, 43);
        assertThat(read.unitsOf("a")).hasSize(13).contains(0, 12);
        assertThat(read.unitsOf("nobody")).isEmpty();
        assertThat(read.member("b").orElseThrow().lossPpm()).contains(12500L);
        assertThat(read.member("a").orElseThrow().unitRanges()).containsExactly(new UnitRange(0, 12));
    }

    @Test
    void aServerOutsideAClusterSaysSoAndReadsBack() {
        String json = ControlJson.write(ClusterDocument.notClustered());

        ClusterDocument read = ControlJson.read(json, ClusterDocument.class);

        assertThat(read.clustered()).isFalse();
        assertThat(read).isEqualTo(ClusterDocument.notClustered());
        assertThat(ControlJson.read("{\"clustered\":false}", ClusterDocument.class)).isEqualTo(ClusterDocument.notClustered());
    }
}
