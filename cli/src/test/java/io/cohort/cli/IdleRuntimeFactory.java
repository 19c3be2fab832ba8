package io.cohort.cli;

import io.cohort.server.runtime.ServerRuntime;
import io.cohort.server.runtime.ServerRuntimeFactory;
import java.util.logging.Logger;

/**
 * A protocol runtime with no protocols, registered as a service on the test class path only, so
 * that {@link CohortProcessIT} can run the real {@code cohort run} process and signal it.
 */
public final class IdleRuntimeFactory implements ServerRuntimeFactory {
    private static final Logger LOG = Logger.getLogger(IdleRuntimeFactory.class.getName());

    @Override
    public ServerRuntime create(io.cohort.server.runtime.ServerContext context) {
        return new ServerRuntime() {
            @Override
            public void start() {
                LOG.info("idle runtime started, additional users " + context.additionalUsers().isPresent());
            }

            @Override
            public void stop() {
                LOG.info("idle runtime stopped");
            }
        };
    }
}
