package io.cohort.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every query of the running server's control socket takes: {@code --json} and where the socket is. */
final class ControlQueryOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @ArgGroup(exclusive = true)
    private ControlRequest.SocketChoice socketChoice;

    /** Sends {@code command} (with {@code --json} if asked) and prints the answer; the exit code. */
    int ask(String command) {
        return ControlRequest.run(spec, socketChoice, json ? command + " --json" : command);
    }
}
