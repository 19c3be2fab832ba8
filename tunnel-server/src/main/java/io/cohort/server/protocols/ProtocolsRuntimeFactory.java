package io.cohort.server.protocols;

import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import io.cohort.server.runtime.ServerRuntimeFactory;

/** The production protocol runtime, found by {@code cohort run} through {@link java.util.ServiceLoader}. */
public final class ProtocolsRuntimeFactory implements ServerRuntimeFactory {
    @Override
    public ServerRuntime create(ServerContext context) {
        return new ProtocolsRuntime(context);
    }
}
