package io.cohort.cli;

import io.cohort.steering.SteeringMode;
import io.cohort.server.config.ConfigError;
import io.cohort.server.config.ConfigException;
import io.cohort.server.config.FetchedConfigurations;
import io.cohort.server.config.LoadedConfiguration;
import io.cohort.server.control.ControlSocketInUseException;
import io.cohort.lab.demo.DemoRun;
import io.cohort.lab.demo.DemoUser;
import io.cohort.lab.demo.LocalClusterDemo;
import io.cohort.lab.localcluster.ClusterLan;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalClusterException;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.lab.localcluster.NamespacePrivileges;
import io.cohort.server.logging.LogSetup;
import io.cohort.server.runtime.CohortServer;
import io.cohort.server.runtime.ServerRuntimeFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cohort run}: loads and validates the configuration, starts the server and serves until
 * SIGTERM or SIGINT, then shuts down cleanly (tunnels torn down, control socket removed).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the server in the foreground until SIGTERM or SIGINT.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:the server failed to start or died", "2:bad usage", "78:invalid configuration",
                "130:stopped by SIGINT (Ctrl-C; the demo ends so)", "143:stopped by SIGTERM"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private CohortCommand parent;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file, merged over the embedded default (default: the embedded default alone).")
    private Path config;

    @Option(names = "--demo", description = "Start a local cluster of --members members in network namespaces, connect "
            + "built-in L2TP and PPTP clients to its cluster IP and show the cluster (needs root).")
    private boolean demo;

    @Option(names = "--members", paramLabel = "N", description = "With --demo: members of the local cluster, 1 to "
            + ClusterLan.MAX_MEMBERS + " (default " + DEFAULT_MEMBERS + ").")
    private Integer members;

    @Option(names = "--steering", paramLabel = "MODE", description = "With --demo: how the members share the cluster IP, "
            + "none, forwarding, unicast or multicast (default " + DEFAULT_STEERING + ").")
    private String steering;

    @Option(names = "--single", description = "With --demo: the single-server demo instead (this server on --config, the "
            + "built-in client connected to it).")
    private boolean single;

    private static final int DEFAULT_MEMBERS = 3;
    private static final String DEFAULT_STEERING = "unicast";

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        CliEnvironment env = parent.environment();
        if (!demo && (members != null || steering != null || single)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--members, --steering and --single go with --demo");
        }
        if (demo && !single) {
            return localClusterDemo(err);
        }
        while (true) {
            LoadedConfiguration loaded;
            try {
                loaded = FetchedConfigurations.load(Optional.ofNullable(config));
            } catch (ConfigException e) {
                printConfigErrors(err, e);
                return ExitCodes.CONFIG;
            }
            if (env.configureLogging()) {
                LogSetup.configure(loaded.config().log().level());
            }
            ServeOutcome outcome = serve(loaded, env, err);
            if (outcome != ServeOutcome.RESTART) {
                return outcome == ServeOutcome.STOPPED ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        }
    }

    /** How one run of the server ended: stopped by a signal, failed, or to be started again. */
    private enum ServeOutcome { STOPPED, FAILED, RESTART }

    /** Starts the server on {@code loaded} and serves until it closes. */
    private ServeOutcome serve(LoadedConfiguration loaded, CliEnvironment env, PrintWriter err)
            throws InterruptedException {
        Optional<ServerRuntimeFactory> factory;
        try {
            factory = env.runtimes().get();
        } catch (IllegalStateException e) {
            err.println("cohort: " + e.getMessage());
            err.flush();
            return ServeOutcome.FAILED;
        }
        if (factory.isEmpty()) {
            err.println("cohort: this build has no protocol runtime (no " + ServerRuntimeFactory.class.getName()
                    + " service on the class path); cannot serve");
            err.flush();
            return ServeOutcome.FAILED;
        }
        Optional<DemoUser> demoUser = demo ? Optional.of(DemoUser.random()) : Optional.empty();
        CohortServer server;
        try {
            server = CohortServer.start(loaded, demoUser.map(DemoUser::directory), VersionProvider.version(),
                    factory.get());
        } catch (ControlSocketInUseException e) {
            err.println("cohort: " + e.getMessage() + "; stop it first (cohort status --socket " + e.path() + ")");
            err.flush();
            return ServeOutcome.FAILED;
        } catch (Exception e) {
            err.println("cohort: cannot start: " + e);
            err.flush();
            return ServeOutcome.FAILED;
        }
        Optional<DemoRun> demoRun = demoUser.map(u -> DemoRun.start(server, u));
        env.onShutdownSignal().accept(() -> {
            demoRun.ifPresent(DemoRun::close); // the built-in client hangs up before the server clears its tunnels
            server.close();
        });
        Optional<Throwable> failure = server.awaitClosed();
        demoRun.ifPresent(DemoRun::close);
        if (failure.isPresent()) {
            err.println("cohort: stopped after a fatal error: " + failure.get());
            err.flush();
            return ServeOutcome.FAILED;
        }
        return server.restartRequested() ? ServeOutcome.RESTART : ServeOutcome.STOPPED;
    }

    /** {@code --demo}: the local cluster, served until a signal ends this process. */
    private int localClusterDemo(PrintWriter err) throws InterruptedException {
        int n = members == null ? DEFAULT_MEMBERS : members;
        if (n < 1 || n > ClusterLan.MAX_MEMBERS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--members must be 1 to " + ClusterLan.MAX_MEMBERS
                    + ", not " + n);
        }
        if (config != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config does not apply to the local cluster "
                    + "demo (each member gets its own configuration); use --demo --single for this server's");
        }
        Optional<SteeringMode> mode;
        try {
            mode = SteeringMode.parse(steering == null ? DEFAULT_STEERING : steering);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<String> lacking = NamespacePrivileges.missing();
        if (lacking.isPresent()) {
            err.println("cohort: " + lacking.get());
            err.flush();
            return ExitCodes.FAILURE;
        }
        // Units on demand (the patent's figure 9): no seed member and no wait for an even spread, so the
        // members start together and serve as soon as they agree on a master.
        LocalClusterSettings settings = LocalClusterSettings.of(n, mode, CohortCommandLine.ofThisProcess(Main.class))
                .withUnitsOnDemand();
        try {
            new LocalClusterDemo(settings, System.out).start();
        } catch (LocalClusterException e) {
            err.println("cohort: the local cluster failed: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        new CountDownLatch(1).await(); // until Ctrl-C: the cluster's shutdown hook tears it down
        return ExitCodes.OK;
    }

    static void printConfigErrors(PrintWriter err, ConfigException e) {
        err.println("cohort: invalid configuration (" + e.errors().size() + " error"
                + (e.errors().size() == 1 ? "" : "s") + "):");
        for (ConfigError error : e.errors()) {
            err.println("  " + error);
        }
        err.flush();
    }
}
