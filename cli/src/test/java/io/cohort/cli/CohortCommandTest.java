package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.control.ControlServer;
import io.cohort.lab.demo.DemoUser;
import io.cohort.server.runtime.RecordingRuntimeFactory;
import io.cohort.server.runtime.ServerRuntimeFactory;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@SuppressWarnings("try") // servers held open by try-with-resources without being referenced
class CohortCommandTest {
    @TempDir
    Path dir;

    /** One in-process run of {@code cohort}: exit code and what it printed. */
    record Outcome(int exitCode, String out, String err) {
    }

    private final CompletableFuture<Runnable> shutdownAction = new CompletableFuture<>();

    private Outcome cohort(Optional<ServerRuntimeFactory> runtime, String... args) {
        CliEnvironment env = new CliEnvironment(() -> runtime, shutdownAction::complete, false);
        CommandLine cl = CohortCommand.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Outcome cohort(String... args) {
        return cohort(Optional.empty(), args);
    }

    private Path socket() {
        return dir.resolve("control.sock");
    }

    private Path config(String extra) throws IOException {
        Path file = dir.resolve("cohort.ini");
        Files.writeString(file, "[control]\nsocket = " + socket() + "\n" + extra);
        return file;
    }

    @Test
    void helpListsTheSubcommands() {
        Outcome o = cohort("--help");

        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("Usage: cohort", "run", "status", "Exit codes:")
                .containsPattern("78 +invalid configuration").containsPattern("130 +run: stopped by SIGINT")
                .containsPattern("143 +run: stopped by SIGTERM");
    }

    @Test
    void versionNamesTheBuild() {
        Outcome o = cohort("--version");

        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).startsWith("cohort " + VersionProvider.version()).doesNotContain("${");
    }

    @Test
    void noSubcommandPrintsUsageAndIsAUsageError() {
        Outcome o = cohort();

        assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("Usage: cohort");
    }

    @Test
    void unknownSubcommandOrOptionIsAUsageError() {
        assertThat(cohort("start").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cohort("run", "--daemon").exitCode()).isEqualTo(ExitCodes.USAGE);
        Outcome both = cohort("status", "--socket", "/x", "--config", "/y");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void statusWithoutAServerSaysSoAndExitsThree() {
        Outcome o = cohort("status", "--socket", socket().toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(o.err()).isEqualTo("cohort: no server running: cannot connect to " + socket() + " (no such file)\n");
    }

    @Test
    void statusPrintsTheServersAnswer() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), line -> "answer to " + line + "\n", new Counters())) {
            assertThat(cohort("status", "--socket", socket().toString()).out()).isEqualTo("answer to status\n");
            assertThat(cohort("status", "--json", "--config", config("").toString()).out())
                    .isEqualTo("answer to status --json\n");
        }
    }

    @Test
    void clusterAsksTheServerForItsClusterView() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), line -> "answer to " + line + "\n", new Counters())) {
            assertThat(cohort("cluster", "--socket", socket().toString()).out()).isEqualTo("answer to cluster\n");
            assertThat(cohort("cluster", "--json", "--config", config("").toString()).out())
                    .isEqualTo("answer to cluster --json\n");
        }
        Outcome none = cohort("cluster", "--socket", socket().toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
    }

    @Test
    void statusReportsAnErrorAnswerAsFailure() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), line -> "error: nope\n", new Counters())) {
            Outcome o = cohort("status", "--socket", socket().toString());

            assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(o.err()).isEqualTo("cohort: server answered: error: nope\n");
        }
    }

    @Test
    void runWithAnInvalidConfigurationListsEveryErrorAndExits78() throws Exception {
        Path file = config("[l2tp]\nport = 0\n[tun]\nname =\n");

        Outcome o = cohort(Optional.of(RecordingRuntimeFactory.working()), "run", "--config", file.toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(o.err()).isEqualTo("cohort: invalid configuration (2 errors):\n"
                + "  " + file + ": l2tp.port: '0' is out of range 1..65535\n"
                + "  " + file + ": tun.name: '' is not an interface name (1 to 15 of letters, digits, '.', '-', '_')\n");
        assertThat(Files.exists(socket())).isFalse();
    }

    @Test
    void runWithAMissingConfigurationFileExits78() {
        Outcome o = cohort("run", "--config", dir.resolve("absent.ini").toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(o.err()).contains("absent.ini: (file): no such file");
    }

    @Test
    void runWithoutAProtocolRuntimeRefusesToServe() throws Exception {
        Outcome o = cohort("run", "--config", config("").toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(o.err()).contains("this build has no protocol runtime");
    }

    @Test
    void runServesUntilTheShutdownSignalThenCleansUp() throws Exception {
        RecordingRuntimeFactory runtime = RecordingRuntimeFactory.working();
        Path file = config("");
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(
                () -> cohort(Optional.of(runtime), "run", "--config", file.toString(), "--demo", "--single"));
        Runnable signal = shutdownAction.get(10, TimeUnit.SECONDS);

        assertThat(runtime.context.get().additionalUsers()).hasValueSatisfying(
                users -> assertThat(users.find(DemoUser.NAME)).isPresent());
        Outcome status = cohort("status", "--socket", socket().toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("on cohort, up", "Tunnels: 0", "Sessions: 0", "Addresses: 0 of 253 in use");
        assertThat(cohort("status", "--json", "--socket", socket().toString()).out()).startsWith("{\"server\":");

        signal.run();
        Outcome o = run.get(10, TimeUnit.SECONDS);

        assertThat(o.exitCode()).isZero();
        assertThat(runtime.stops.get()).isEqualTo(1);
        assertThat(Files.exists(socket())).isFalse();
    }

    @Test
    void runRefusesWhileAnotherServerOwnsTheSocket() throws Exception {
        try (ControlServer other = ControlServer.start(socket(), line -> "other\n", new Counters())) {
            RecordingRuntimeFactory runtime = RecordingRuntimeFactory.working();

            Outcome o = cohort(Optional.of(runtime), "run", "--config", config("").toString());

            assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(o.err()).contains("another server is already running: " + socket() + " answers");
            assertThat(runtime.context).isNotDone();
        }
    }

    @Test
    void runReportsARuntimeThatCannotStart() throws Exception {
        Outcome o = cohort(Optional.of(RecordingRuntimeFactory.failingWith(new BindException("Address already in use"))),
                "run", "--config", config("").toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(o.err()).contains("cohort: cannot start: java.net.BindException: Address already in use");
        assertThat(Files.exists(socket())).isFalse();
    }

    @Test
    void runExitsWithFailureAfterAFatalRuntimeError() throws Exception {
        RecordingRuntimeFactory runtime = RecordingRuntimeFactory.working();
        Path file = config("");
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(
                () -> cohort(Optional.of(runtime), "run", "--config", file.toString()));
        shutdownAction.get(10, TimeUnit.SECONDS);

        runtime.context.get().fatal().accept(new IllegalStateException("event loop died"));
        Outcome o = run.get(10, TimeUnit.SECONDS);

        assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(o.err()).contains("stopped after a fatal error: java.lang.IllegalStateException: event loop died");
    }

    @Test
    void theBuiltInClientsPingAnIpv4TargetOnly() {
        Outcome o = cohort("demo-client", "--server", "192.0.2.1", "--user", "u", "--password-file",
                dir.resolve("no-such-file").toString(), "--ping-target", "2001:db8::1");

        assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--ping-target must be an IPv4 address, not 2001:db8:0:0:0:0:0:1");
    }

    @Test
    void demoOptionsWithoutDemoAreAUsageError() {
        Outcome o = cohort("run", "--members", "3");

        assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--members, --steering and --single go with --demo");
    }

    @Test
    void theLocalClusterHasOneToSixteenMembersAndAKnownSteeringMode() {
        assertThat(cohort("run", "--demo", "--members", "17")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(o.err()).contains("--members must be 1 to 16, not 17");
        });
        assertThat(cohort("run", "--demo", "--members", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cohort("run", "--demo", "--steering", "broadcast")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(o.err()).contains("unknown steering mode 'broadcast' (none, forwarding, unicast, multicast)");
        });
    }

    @Test
    void theLocalClusterDemoTakesNoConfigurationFile() throws Exception {
        Outcome o = cohort("run", "--demo", "--config", config("").toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--config does not apply to the local cluster demo");
    }
}
