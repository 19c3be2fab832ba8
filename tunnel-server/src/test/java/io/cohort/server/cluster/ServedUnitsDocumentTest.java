package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code cluster --json} says which units each cluster application serves: owned, and not fenced. */
class ServedUnitsDocumentTest {
    @Test
    void aRegistrationListsTheUnitsServedWhileTheLeaseHoldsAndNoneOnceItLapses() throws Exception {
        UnitOwnership ownership = new UnitOwnership("l2tp", true);
        AtomicBoolean lease = new AtomicBoolean(true);
        ownership.fencedBy(lease::get);
        ownership.unitsAssigned(Set.of(WorkUnit.of(3), WorkUnit.of(4), WorkUnit.of(9)));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);

        ClusterDocument.Registration serving = ClusterDocument.Registration.of(ownership);
        lease.set(false); // paused past its lease (cluster README, "Fencing")
        ClusterDocument.Registration fenced = ClusterDocument.Registration.of(ownership);

        assertThat(serving).isEqualTo(new ClusterDocument.Registration("l2tp", 3,
                List.of(new UnitRange(3, 4), new UnitRange(9, 9))));
        assertThat(fenced).isEqualTo(new ClusterDocument.Registration("l2tp", 3, List.of()));
    }

    @Test
    void theServedUnitsOfEveryApplicationReadBackTogetherAndAnOlderServerServesNoneItSays() {
        ClusterDocument document = new ClusterDocument(true, "a", "member", Optional.of("b"), 1, 3, 50_000, 1024,
                List.of(), List.of(new ClusterDocument.Registration("l2tp", 2, List.of(new UnitRange(1, 2))),
                        new ClusterDocument.Registration("pptp", 2, List.of(new UnitRange(2, 3)))),
                Optional.empty(), List.of());

        ClusterDocument read = ControlJson.read(ControlJson.write(document), ClusterDocument.class);

        assertThat(read).isEqualTo(document);
        assertThat(read.servedUnits()).containsExactly(1, 2, 3);
        assertThat(ControlJson.read("{\"clustered\":true,\"registered\":[{\"protocol\":\"l2tp\",\"units\":5}]}",
                ClusterDocument.class).servedUnits()).isEmpty();
    }
}
