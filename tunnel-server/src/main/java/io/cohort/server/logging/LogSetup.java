package io.cohort.server.logging;

import io.cohort.server.config.LogLevel;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points java.util.logging at standard error with {@link OneLineFormatter} at the configured
 * level. Libraries that log through SLF4J (pcap4j) reach it too, through the {@code slf4j-jdk14}
 * provider on the server's class path. The JDK's log manager is process-wide, so only the command-line entry point calls this;
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

    /**
     * pcap4j logs through SLF4J, which the {@code slf4j-jdk14} provider routes here. Its INFO
     * lines list the defaults it loaded for its own properties on every start; its warnings and
     * errors are about capture and stay. Held for the same reason as {@link #netty}.
     */
    private static Logger pcap4j;

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
        pcap4j = Logger.getLogger("org.pcap4j");
        pcap4j.setLevel(Level.WARNING);
        if (level.julLevel().intValue() < Level.INFO.intValue()) {
            netty = Logger.getLogger("io.netty");
            netty.setLevel(Level.INFO);
        }
    }
}
