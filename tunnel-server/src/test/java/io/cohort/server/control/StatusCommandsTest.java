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
}
