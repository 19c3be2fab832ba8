package io.cohort.testbed;

import java.util.List;

/** The outcome of a command run to completion: its argv, exit status and merged stdout/stderr. */
public record CommandResult(List<String> argv, int exitCode, String output) {
    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result if the command exited with 0, otherwise a {@link TestbedException} with its output. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new TestbedException("command " + String.join(" ", argv) + " exited with " + exitCode
                    + ": " + output.strip());
        }
        return this;
    }
}
