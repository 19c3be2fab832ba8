package io.cohort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cohort cluster}: asks the running server for its view of the cluster: members, master,
 * keepalive interval, the master's loss estimates and the work-unit distribution.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Show the running member's cluster: members, master, keepalive interval, loss estimates, work units.")
public final class ClusterCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @ArgGroup(exclusive = true)
    private ControlRequest.SocketChoice socketChoice;

    @Override
    public Integer call() {
        return ControlRequest.run(spec, socketChoice, json ? "cluster --json" : "cluster");
    }
}
