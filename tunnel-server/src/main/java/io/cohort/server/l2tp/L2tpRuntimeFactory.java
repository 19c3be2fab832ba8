package io.cohort.server.l2tp;

import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import io.cohort.server.runtime.ServerRuntimeFactory;

/** The production protocol runtime, found by {@code cohort run} through {@link java.util.ServiceLoader}. */
public final class L2tpRuntimeFactory implements ServerRuntimeFactory {
    @Override
    public ServerRuntime create(ServerContext context) {
        return new L2tpRuntime(context);
    }
}
