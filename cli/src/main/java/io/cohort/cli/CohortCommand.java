package io.cohort.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cohort}: the top command; without a subcommand it prints its usage and exits 2. */
@Command(name = "cohort", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Cohort, a clustered L2TP/PPTP VPN tunnel server.",
        subcommands = {RunCommand.class, StatusCommand.class, ClusterCommand.class, DrainCommand.class,
            PkiCommand.class, DemoClientCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the server failed or a request failed", "2:bad usage",
                "3:status: no server is running", "4:drain: not this member's control socket",
                "5:drain --wait: units still held at the timeout", "78:invalid configuration",
                "130:run: stopped by SIGINT (Ctrl-C)", "143:run: stopped by SIGTERM"})
public final class CohortCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    public CohortCommand(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment);
    }

    CliEnvironment environment() {
        return environment;
    }

    /** {@code cohort} alone: usage on standard error, and the usage-error exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * The command line to execute. Picocli's defaults give the exit codes: usage errors
     * {@link ExitCodes#USAGE}, an exception escaping a command {@link ExitCodes#FAILURE}.
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new CohortCommand(environment));
    }
}
