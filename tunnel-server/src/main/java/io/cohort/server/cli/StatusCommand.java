package io.cohort.server.cli;

import io.cohort.server.config.ConfigException;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.ControlProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @ArgGroup(exclusive = true)
    private SocketChoice socketChoice;

    static final class SocketChoice {
        @Option(names = "--socket", paramLabel = "PATH",
                description = "The control socket (default: [control] socket of the embedded default, /run/cohort/control.sock).")
        Path socket;

        @Option(names = "--config", paramLabel = "FILE", description = "Take the control socket path from this configuration file.")
        Path config;
    }

    @Override
    public Integer call() {
        Path socket;
        try {
            socket = socket();
        } catch (ConfigException e) {
            RunCommand.printConfigErrors(spec.commandLine().getErr(), e);
            return ExitCodes.CONFIG;
        }
        String answer;
        try {
            answer = ControlClient.request(socket, json ? "status --json" : "status", TIMEOUT);
        } catch (ControlClient.ControlClientException e) {
            spec.commandLine().getErr().println("cohort: " + e.getMessage());
            return e.getMessage().startsWith("no server running") ? ExitCodes.NOT_RUNNING : ExitCodes.FAILURE;
        }
        if (answer.startsWith(ControlProtocol.ERROR_PREFIX)) {
            spec.commandLine().getErr().print("cohort: server answered: " + answer);
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        spec.commandLine().getOut().print(answer);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private Path socket() throws ConfigException {
        if (socketChoice != null && socketChoice.socket != null) {
            return socketChoice.socket;
        }
        Optional<Path> config = socketChoice == null ? Optional.empty() : Optional.ofNullable(socketChoice.config);
        return ConfigLoader.load(config).control().socket();
    }
}
