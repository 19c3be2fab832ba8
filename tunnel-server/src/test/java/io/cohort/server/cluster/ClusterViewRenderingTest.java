package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ClusterFixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterViewRenderingTest {
    @Test
    void textShowsMembersMasterIntervalLossAndWhichUnitsEachOwns() throws Exception {
        String text = ClusterViewRendering.text(ClusterDocument.of(ClusterFixtures.view(), List.of(), Optional.empty()));

        assertThat(text).startsWith("member a (master), master a, configuration version 3\nkeepalive every 28 ms (n = 6)\n")
                .contains("units assigned: 16 of 1024; this member owns 13");
        assertThat(text.lines().filter(l -> l.startsWith("a ") || l.startsWith("b ")).toList()).satisfiesExactly(
                a -> assertThat(a.split("\\s+")).containsExactly("a", "10.0.0.1:7400", "master", "13", "-", "0-12"),
                b -> assertThat(b.split("\\s+")).containsExactly("b", "10.0.0.2:7400", "member", "3", "1.3%", "40,42-43"));
    }

    @Test
    void aMemberBeingDrainedIsMarkedInItsRole() throws Exception {
        String text = ClusterViewRendering.text(ClusterDocument.of(ClusterFixtures.viewWithBDraining(), List.of(),
                Optional.empty()));

        assertThat(text).startsWith("member a (master), master a,");
        assertThat(text.lines().filter(l -> l.startsWith("b ")).toList()).singleElement()
                .satisfies(b -> assertThat(b.split("\\s+")).containsExactly("b", "10.0.0.2:7400", "member", "(draining)", "3",
                        "1.3%", "40,42-43"));
    }

    @Test
    void theHeaderSaysWhenThisMemberIsTheOneBeingDrained() throws Exception {
        ClusterDocument master = ClusterDocument.of(ClusterFixtures.viewWithBDraining(), List.of(), Optional.empty());
        ClusterDocument asB = new ClusterDocument(true, "b", "member", master.master(), master.configVersion(),
                master.lossTolerance(), master.keepaliveIntervalMicros(), master.unitsAssigned(), master.members(),
                List.of(), Optional.empty(), List.of("b"));

        assertThat(ClusterViewRendering.text(asB)).startsWith("member b (member, draining), master a,");
        assertThat(ClusterViewRendering.role(asB, "a")).isEqualTo("master");
    }

    @Test
    void textShowsWhatTheReplicationPublishesHoldsAndOwesEachPeer() throws Exception {
        ClusterDocument.Replication replication = new ClusterDocument.Replication(40, 75, 9_120, List.of(
                new ClusterDocument.ReplicationPeer("b", true, 0, 12_345),
                new ClusterDocument.ReplicationPeer("c", false, 3, 0)));

        String text = ClusterViewRendering.text(ClusterDocument.of(ClusterFixtures.view(), List.of(),
                Optional.of(replication)));

        assertThat(replication.caughtUp()).isFalse();
        assertThat(text).contains("replication: publishing 40 keys; holding 75 keys (9120 B) of other members'\n");
        assertThat(text.lines().filter(l -> l.startsWith("b ") || l.startsWith("c ")).skip(1).toList()).satisfiesExactly(
                b -> assertThat(b.split("\\s+")).containsExactly("b", "yes", "0", "keys", "12345", "B"),
                c -> assertThat(c.split("\\s+")).containsExactly("c", "no", "3", "keys", "0", "B"));
    }

    @Test
    void aCaughtUpReplicationSaysSo() throws Exception {
        ClusterDocument.Replication replication = new ClusterDocument.Replication(1, 0, 0, List.of(
                new ClusterDocument.ReplicationPeer("b", true, 0, 10)));

        assertThat(replication.caughtUp()).isTrue();
        assertThat(ClusterViewRendering.text(ClusterDocument.of(ClusterFixtures.view(), List.of(),
                Optional.of(replication)))).contains("; every peer caught up\n");
    }

    @Test
    void lossIsShownToOneDecimal() {
        assertThat(ClusterViewRendering.loss(0)).isEqualTo("0.0%");
        assertThat(ClusterViewRendering.loss(7_800)).isEqualTo("0.8%");
        assertThat(ClusterViewRendering.loss(52_600)).isEqualTo("5.3%");
    }

    @Test
    void aServerOutsideAClusterSaysSo() {
        assertThat(ClusterViewRendering.text(ClusterDocument.notClustered())).isEqualTo(ClusterViewRendering.NOT_CLUSTERED);
    }

    @Test
    void manyRunsAreShortenedToTheFirstFewAndACount() {
        // every third unit, as a three-member cluster deals them out: 342 runs of one unit
        List<UnitRange> runs = IntStream.range(0, 342).mapToObj(i -> new UnitRange(3 * i, 3 * i)).toList();

        assertThat(ClusterViewRendering.which(runs)).isEqualTo("0,3,6,9,12,15,\u2026 (+336 runs)");
        assertThat(ClusterViewRendering.which(List.of())).isEqualTo("-");
        assertThat(ClusterViewRendering.which(runs.subList(0, 6))).isEqualTo("0,3,6,9,12,15");
    }
}
