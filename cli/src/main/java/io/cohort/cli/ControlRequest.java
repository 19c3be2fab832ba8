package io.cohort.cli;

import io.cohort.server.config.ConfigException;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.ControlProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code cohort status}, {@code cohort cluster} and {@code cohort drain} share: which control socket to ask
 * ({@code --socket}, or the one of {@code --config}, or the embedded default's), one request,
 * the answer printed, and the exit code.
 */
final class ControlRequest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** {@code --socket} or {@code --config}, at most one. */
    static final class SocketChoice {
        @Option(names = "--socket", paramLabel = "PATH",
                description = "The control socket (default: [control] socket of the embedded default, /run/cohort/control.sock).")
        Path socket;

        @Option(names = "--config", paramLabel = "FILE", description = "Take the control socket path from this configuration file.")
        Path config;
    }

    private ControlRequest() {
    }

    static int run(CommandSpec spec, SocketChoice choice, String request) {
        Path socket;
        try {
            socket = socket(choice);
        } catch (ConfigException e) {
            RunCommand.printConfigErrors(spec.commandLine().getErr(), e);
            return ExitCodes.CONFIG;
        }
        String answer;
        try {
            answer = ControlClient.request(socket, request, TIMEOUT);
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

    /** The socket {@code choice} names, or the one of the configuration it names, or the default's. */
    static Path socket(SocketChoice choice) throws ConfigException {
        if (choice != null && choice.socket != null) {
            return choice.socket;
        }
        Optional<Path> config = choice == null ? Optional.empty() : Optional.ofNullable(choice.config);
        return ConfigLoader.load(config).control().socket();
    }
}
