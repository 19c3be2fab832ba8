package io.cohort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cohort cluster}: asks the running server for its view of the cluster: members, master,
 * keepalive interval, the master's loss estimates and the work-unit distribution.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Show the running member's cluster: members, master, keepalive interval, loss estimates, work units.")
public final class ClusterCommand implements Callable<Integer> {
    @Mixin
    private ControlQueryOptions query;

    @Override
    public Integer call() {
        return query.ask("cluster");
    }
}
