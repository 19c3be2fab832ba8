package io.cohort.server.logging;

import io.cohort.server.config.LogLevel;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points java.util.logging at standard error with {@link OneLineFormatter} at the configured
 * level. The JDK's log manager is process-wide, so only the command-line entry point calls this;
 * libraries and tests never do.
 */
public final class LogSetup {
    /**
     * Netty's own debug lines (its system-property dump, a stack trace when it probes for
     * sun.misc.Unsafe) say nothing about tunnels; they stay at INFO whatever our level. Held
     * here because java.util.logging keeps loggers only weakly; assigned in {@link #configure},
     * not at class initialization, which must not touch java.util.logging (see
     * {@link #useShutdownSafeLogManager}).
     */
    private static Logger netty;

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
        if (level.julLevel().intValue() < Level.INFO.intValue()) {
            netty = Logger.getLogger("io.netty");
            netty.setLevel(Level.INFO);
        }
    }
}
