package io.cohort.server.logging;

import io.cohort.server.config.LogLevel;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Points java.util.logging at standard error with {@link OneLineFormatter} at the configured
 * level. The JDK's log manager is process-wide, so only the command-line entry point calls this;
 * libraries and tests never do.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /**
     * Makes the JDK use {@link ShutdownSafeLogManager}, so that lines logged during shutdown are
     * not lost. Must run before anything touches java.util.logging: calling a static method of
     * the manager class itself would already initialize the JDK's {@code LogManager}, which is
     * why this lives here.
     */
    public static void useShutdownSafeLogManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
    }

    public static void configure(LogLevel level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter());
        console.setLevel(level.julLevel());
        root.addHandler(console);
        root.setLevel(level.julLevel());
    }
}
