package io.cohort.testbed;

import java.util.List;

/**
 * The outcome of a command run to completion: its argv, exit status and merged stdout/stderr.
 * {@link #toString()} is the command line, the status and the output, so that an assertion on a
 * result ({@code assertThat(result).matches(CommandResult::succeeded, "exit status 0")}) shows
 * why the command failed, not only that it did.
 */
public record CommandResult(List<String> argv, int exitCode, String output) {
    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The argv joined by spaces, as a reader would type it. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** This result if the command exited with 0, otherwise a {@link TestbedException} with its output. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new TestbedException("command " + this);
        }
        return this;
    }

    /** {@code ping -c 1 10.0.0.2 exited with 1: ping: connect: Network is unreachable}. */
    @Override
    public String toString() {
        String printed = output.strip();
        return commandLine() + " exited with " + exitCode + (printed.isEmpty() ? " and printed nothing" : ": " + printed);
    }
}
