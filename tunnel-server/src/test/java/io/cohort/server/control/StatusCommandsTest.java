package io.cohort.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.status.StatusSnapshot;
import io.cohort.server.status.PoolStatus;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCommandsTest {
    private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
    private final StatusCommands commands = new StatusCommands(() -> new StatusSnapshot("gw", "v", T, T, List.of(),
            List.of(), new PoolStatus(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.0.0.0/30")).cidr(),
            Ipv4Literal.parse("10.0.0.1").orElseThrow(), 1, 0, List.of()), Map.of()),
            ClusterDocument::notClustered);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "status|cohort v on gw, up 0s",
            " status |cohort v on gw, up 0s",
            "status --json|{\"server\":{\"hostname\":\"gw\"",
            "cluster|this server is not a cluster member",
            "cluster --json|{\"clustered\":false,",
            "stats|error: unknown command 'stats'; commands: status, status --json, cluster, cluster --json, drain, drain --cancel",
            "drain|error: this server is not a cluster member",
            "status --yaml|error: unknown command 'status --yaml'"})
    void dispatchesCommands(String line, String answerStart) {
        assertThat(commands.answer(line)).startsWith(answerStart);
    }

    @org.junit.jupiter.api.Test
    void echoesUnknownCommandsWithoutControlCharacters() {
        assertThat(commands.answer("\u001b[2Jx")).isEqualTo("error: unknown command '?[2Jx'; commands: status, status --json, cluster, "
                + "cluster --json, drain, drain --cancel\n");
    }

    @org.junit.jupiter.api.Test
    void statusSaysWhenThisMemberIsBeingDrained() throws Exception {
        ClusterDocument master = ClusterDocument.of(io.cohort.server.control.api.ClusterFixtures.viewWithBDraining(),
                List.of(), java.util.Optional.empty());
        StatusCommands onA = new StatusCommands(this::status, () -> master);
        StatusCommands onB = new StatusCommands(this::status, () -> new ClusterDocument(true, "b", "member",
                master.master(), 3, 6, 28_571, 16, master.members(), List.of(), java.util.Optional.empty(), List.of("b")));

        assertThat(onB.answer("status")).endsWith("\nthis member (b) is being drained: the master moves its units away"
                + " and gives it none (cohort drain --cancel ends it)\n");
        assertThat(onA.answer("status")).doesNotContain("drained");
    }

    private StatusSnapshot status() {
        return new StatusSnapshot("gw", "v", T, T, List.of(), List.of(), new PoolStatus(
                ((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.0.0.0/30")).cidr(), Ipv4Literal.parse("10.0.0.1").orElseThrow(),
                1, 0, List.of()), Map.of());
    }
}
