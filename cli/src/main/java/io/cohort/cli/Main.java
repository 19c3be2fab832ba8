package io.cohort.cli;

import io.cohort.server.logging.LogSetup;

/** The entry point of {@code cohort} (the runnable jar's Main-Class). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.useShutdownSafeLogManager();
        System.exit(CohortCommand.commandLine(CliEnvironment.process()).execute(args));
    }
}
