package io.cohort.server.cli;

import io.cohort.server.runtime.ServerRuntimeFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the commands need from the process around them, so that tests can run them in-process:
 * where the protocol runtime comes from, how a shutdown signal (SIGTERM, SIGINT) reaches
 * {@code cohort run}, and whether to set up process-wide logging.
 */
public record CliEnvironment(Supplier<Optional<ServerRuntimeFactory>> runtimes, Consumer<Runnable> onShutdownSignal,
                             boolean configureLogging) {
    public CliEnvironment {
        Objects.requireNonNull(runtimes);
        Objects.requireNonNull(onShutdownSignal);
    }

    /**
     * The real process: the runtime registered with {@link ServiceLoader}, signals through a JVM
     * shutdown hook, logging configured from the configuration.
     */
    public static CliEnvironment process() {
        return new CliEnvironment(
                () -> ServiceLoader.load(ServerRuntimeFactory.class).findFirst(),
                action -> Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("cohort-shutdown").unstarted(action)),
                true);
    }
}
