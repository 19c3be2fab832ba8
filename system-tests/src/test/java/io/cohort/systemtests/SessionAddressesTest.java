package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.server.control.api.StatusDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionAddressesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    /** A member serving one L2TP session: its tunnel {@code tunnelId} (peer's 77, from port 40000), session {@code id} (peer's 5). */
    private static ClusterSnapshot.Member member(String name, int tunnelId, int id, Optional<String> address) {
        StatusDocument status = new StatusDocument(new StatusDocument.Server(name, "test", NOW, NOW),
                List.of(new StatusDocument.Tunnel("l2tp", tunnelId, 77, "10.77.0.200", 40000, "established", 1, NOW,
                        0, 0, 0, 0)),
                List.of(new StatusDocument.Session("l2tp", tunnelId, id, 5, Optional.of("demo"), address, "up", NOW,
                        0, 0, 0, 0)),
                List.of(), new StatusDocument.Pool("10.101.0.0/20", "10.101.0.1", 4094, 1, List.of()), Map.of());
        return new ClusterSnapshot.Member(name, "10.77.0.11", Optional.empty(), Optional.of(status));
    }

    @Test
    void aSessionTakenOverUnderNewLocalIdsIsTheSameSessionByWhatItsClientChose() {
        SessionAddresses before = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m1", 100, 200, Optional.of("10.101.0.2")))));
        SessionAddresses after = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m2", 300, 400, Optional.of("10.101.0.2")))));

        assertThat(before.addresses()).containsOnlyKeys("l2tp 10.77.0.200:40000 tunnel 77 session 5");
        assertThat(after.changedSince(before)).isEmpty();
    }

    @Test
    void aChangedAddressAndASessionOnTwoMembersAreReported() {
        SessionAddresses before = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m1", 100, 200, Optional.of("10.101.0.2")))));
        SessionAddresses moved = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m2", 100, 200, Optional.of("10.102.0.9")))));
        SessionAddresses twice = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m1", 100, 200, Optional.of("10.101.0.2")), member("m2", 100, 200, Optional.of("10.102.0.9")))));
        SessionAddresses gone = SessionAddresses.of(new ClusterSnapshot(List.of(
                member("m1", 100, 200, Optional.empty()))));

        assertThat(moved.changedSince(before)).containsExactly(
                "l2tp 10.77.0.200:40000 tunnel 77 session 5: 10.101.0.2 -> 10.102.0.9");
        assertThat(twice.conflicts()).containsExactly(
                "l2tp 10.77.0.200:40000 tunnel 77 session 5: 10.101.0.2 and 10.102.0.9 (also on m2)");
        assertThat(gone.changedSince(before)).containsExactly("l2tp 10.77.0.200:40000 tunnel 77 session 5: 10.101.0.2 -> (none)");
    }
}
