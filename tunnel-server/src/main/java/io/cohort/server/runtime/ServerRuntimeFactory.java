package io.cohort.server.runtime;

/**
 * Creates the {@link ServerRuntime} of a server. The wiring module registers its implementation
 * as a {@link java.util.ServiceLoader} service
 * ({@code META-INF/services/io.cohort.server.runtime.ServerRuntimeFactory}); tests pass their own.
 */
@FunctionalInterface
public interface ServerRuntimeFactory {
    ServerRuntime create(ServerContext context);
}
