package io.cohort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cohort status}: asks the running server for its tunnels, sessions, users, addresses and counters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running server's tunnels, sessions, users, addresses and counters.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    private ControlQueryOptions query;

    @Override
    public Integer call() {
        return query.ask("status");
    }
}
