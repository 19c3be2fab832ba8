package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.server.control.ControlServer;
import io.cohort.server.control.DrainCommands;
import io.cohort.server.control.StatusCommands;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.status.PoolStatus;
import io.cohort.server.status.StatusSnapshot;
import io.cohort.telemetry.Counters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohort drain} in-process against a control socket served as member b of a two-member cluster serves it. */
class DrainCommandTest {
    private static final Instant T = Instant.parse("2026-12-07T20:00:00Z");

    @TempDir
    Path dir;

    private final AtomicBoolean draining = new AtomicBoolean();
    /** Whether b's units leave as soon as it drains (else it keeps its 3). */
    private volatile boolean unitsLeave = true;
    private volatile boolean clustered = true;
    private ControlServer server;

    record Outcome(int exitCode, String out, String err) {
    }

    @BeforeEach
    void serveMemberB() throws Exception {
        DrainCommands drain = new DrainCommands(() -> clustered ? Optional.of(on -> draining.getAndSet(on) != on)
                : Optional.empty(), this::viewOfB);
        server = ControlServer.start(socket(), new StatusCommands(this::status, this::viewOfB, drain), new Counters());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Path socket() {
        return dir.resolve("control.sock");
    }

    private ClusterDocument viewOfB() {
        if (!clustered) {
            return ClusterDocument.notClustered();
        }
        int units = draining.get() && unitsLeave ? 0 : 3;
        List<ClusterDocument.Member> members = List.of(
                new ClusterDocument.Member("a", "10.0.0.1:7400", 1024 - units, List.of(new UnitRange(3, 1023)),
                        Optional.empty()),
                new ClusterDocument.Member("b", "10.0.0.2:7400", units, units == 0 ? List.of()
                        : List.of(new UnitRange(0, 2)), Optional.empty()));
        return new ClusterDocument(true, "b", "member", Optional.of("a"), 1, 6, 28_571, 1024, members,
                List.of(new ClusterDocument.Registration("l2tp", units)), Optional.empty(),
                draining.get() ? List.of("b") : List.of());
    }

    private StatusSnapshot status() {
        return new StatusSnapshot("b", "v", T, T, List.of(), List.of(), new PoolStatus(
                ((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.0.0.0/30")).cidr(), Ipv4Literal.parse("10.0.0.1").orElseThrow(),
                1, 0, List.of()), Map.of());
    }

    private Outcome cohort(String... args) {
        CommandLine cl = CohortCommand.commandLine(new CliEnvironment(Optional::empty, action -> { }, false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void drainsTheMemberOfTheSocketAndSaysWhatHappens() {
        Outcome o = cohort("drain", "--socket", socket().toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(draining).isTrue();
        assertThat(o.out()).startsWith("draining b: it owns 0 units;");
    }

    @Test
    void cancelEndsTheDrain() {
        draining.set(true);

        Outcome o = cohort("drain", "b", "--cancel", "--socket", socket().toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(draining).isFalse();
        assertThat(o.out()).isEqualTo("drain of b ended: the master gives it units again as it rebalances\n");
    }

    @Test
    void anotherMembersNameIsRefusedWithWhereToRunIt() {
        Outcome o = cohort("drain", "a", "--socket", socket().toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.NOT_THIS_MEMBER);
        assertThat(draining).isFalse();
        assertThat(o.err()).contains("is the control socket of member b, not of a",
                "run cohort drain on a's host, or with --socket of a's control socket");
    }

    @Test
    void waitReportsHowLongTheDrainTookAndWhatMoved() {
        Outcome o = cohort("drain", "--wait", "--socket", socket().toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("drained b in \\d+\\.\\d s: 0 units and 0 sessions moved to the other members;"
                + " it can be stopped now\n");
    }

    @Test
    void waitGivesUpAtTheTimeoutWithItsOwnExitCodeAndTheDrainGoesOn() {
        unitsLeave = false;

        Outcome o = cohort("drain", "--wait", "--timeout", "0s", "--socket", socket().toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.STILL_DRAINING);
        assertThat(draining).isTrue();
        assertThat(o.err()).startsWith("cohort: b still holds 3 units after 0s; the drain goes on");
    }

    @Test
    void waitWithCancelOrABadTimeoutIsAUsageError() {
        assertThat(cohort("drain", "--wait", "--cancel", "--socket", socket().toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        Outcome bad = cohort("drain", "--wait", "--timeout", "soon", "--socket", socket().toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("'soon' is not a duration");
        assertThat(draining).isFalse();
    }

    @Test
    void aServerOutsideAClusterIsAFailure() {
        clustered = false;

        Outcome o = cohort("drain", "--socket", socket().toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(o.err()).contains("is not a cluster member");
    }

    @Test
    void withoutAServerItSaysSoAndExitsThree() {
        Outcome o = cohort("drain", "--socket", dir.resolve("none.sock").toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(o.err()).startsWith("cohort: no server running");
    }
}
