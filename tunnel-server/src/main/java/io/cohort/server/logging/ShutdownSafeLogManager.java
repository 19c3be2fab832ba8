package io.cohort.server.logging;

import java.util.logging.LogManager;

/**
 * A log manager whose {@link #reset()} does nothing. The JDK's log manager resets itself (removing
 * and closing every handler) from its own shutdown hook, which runs concurrently with the
 * server's: the lines the server logs while shutting down (tunnels torn down, "cohort stopped")
 * would be lost. Installed with {@link LogSetup#useShutdownSafeLogManager()} before any logger
 * exists; handlers used with it must flush each record (as {@link java.util.logging.ConsoleHandler}
 * does).
 */
public final class ShutdownSafeLogManager extends LogManager {
    @Override
    public void reset() {
        // Deliberately empty: see the class comment. Handlers are set up once by LogSetup and
        // live until the process exits.
    }
}
