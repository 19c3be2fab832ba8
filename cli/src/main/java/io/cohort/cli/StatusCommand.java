package io.cohort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cohort status}: asks the running server for its tunnels, sessions, users, addresses and counters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running server's tunnels, sessions, users, addresses and counters.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @ArgGroup(exclusive = true)
    private ControlRequest.SocketChoice socketChoice;

    @Override
    public Integer call() {
        return ControlRequest.run(spec, socketChoice, json ? "status --json" : "status");
    }
}
