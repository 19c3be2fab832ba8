package io.cohort.cli;

import io.cohort.server.runtime.ServerRuntimeFactory;
import java.util.List;
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
                CliEnvironment::registeredRuntime,
                action -> Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("cohort-shutdown").unstarted(action)),
                true);
    }

    /**
     * The one registered runtime. Where several are on the class path (a test class path adds a
     * stand-in), the system property {@value #RUNTIME_PROPERTY} names the class to use, so that the
     * choice never depends on class-path order; several without it is an error.
     */
    static Optional<ServerRuntimeFactory> registeredRuntime() {
        List<ServiceLoader.Provider<ServerRuntimeFactory>> all =
                ServiceLoader.load(ServerRuntimeFactory.class).stream().toList();
        String wanted = System.getProperty(RUNTIME_PROPERTY);
        if (wanted != null) {
            return all.stream().filter(p -> p.type().getName().equals(wanted)).findFirst()
                    .map(ServiceLoader.Provider::get);
        }
        if (all.size() > 1) {
            throw new IllegalStateException("several protocol runtimes are registered ("
                    + all.stream().map(p -> p.type().getName()).toList() + "); choose one with -D"
                    + RUNTIME_PROPERTY + "=<class>");
        }
        return all.stream().findFirst().map(ServiceLoader.Provider::get);
    }

    /** Names the runtime class when several are registered. */
    public static final String RUNTIME_PROPERTY = "cohort.runtime";
}
