package io.cohort.server.runtime;

import io.cohort.ppp.auth.UserDirectory;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.ClusterService;
import io.cohort.server.config.LoadedConfiguration;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.control.ControlServer;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.DrainCommands;
import io.cohort.server.control.StatusCommands;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.status.StatusSnapshot;
import io.cohort.server.status.StatusSource;
import io.cohort.steering.member.MemberSteering;
import io.cohort.telemetry.Counters;
import io.cohort.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running server. {@link #start} brings it up in order: pool, registry and counters; the
 * control socket (which also refuses to start a second server on the same socket); then the
 * protocol runtime. {@link #close()} takes it down in reverse order: a cluster member with
 * steering first hands its sessions over to the others ({@link ClusterService#handOverSessions})
 * and leaves; then the runtime (whatever tunnels are left torn down, addresses released), then the
 * control socket (its file removed).
 */
public final class CohortServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CohortServer.class.getName());
    /** How long a stopping member waits for its state to reach the others, and again for its sessions to be let go. */
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(2);

    private final CohortConfig config;
    private final Counters counters;
    private final Ipv4Pool pool;
    private final SessionRegistry registry;
    private final ControlServer control;
    /** Set once the runtime started; null before (and forever if it failed to start). */
    private volatile ServerRuntime runtime;
    private final StatusSource status;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object lifecycle = new Object();
    private boolean closing;
    private volatile ClusterService cluster;
    private volatile boolean restartRequested;

    private CohortServer(CohortConfig config, Counters counters, Ipv4Pool pool, SessionRegistry registry,
                         ControlServer control, StatusSource status) {
        this.config = config;
        this.status = status;
        this.counters = counters;
        this.pool = pool;
        this.registry = registry;
        this.control = control;
    }

    /** Starts a server on {@code config} alone (no operator text to share with a cluster). */
    public static CohortServer start(CohortConfig config, String version, ServerRuntimeFactory factory)
            throws Exception {
        return start(new LoadedConfiguration(config, "", Optional.empty()), Optional.empty(), version, factory);
    }

    /**
     * Starts a server on {@code loaded}; on failure nothing is left running or bound. With
     * {@code [cluster]} enabled, the cluster member starts last, once the protocols registered.
     */
    public static CohortServer start(LoadedConfiguration loaded, Optional<UserDirectory> additionalUsers,
                                     String version, ServerRuntimeFactory factory) throws Exception {
        CohortConfig config = loaded.config();
        InstantSource wallClock = InstantSource.system();
        Counters counters = new Counters();
        Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
        SessionRegistry registry = new SessionRegistry(wallClock);
        if (pool.size() < config.limits().maxSessions()) {
            // Not a warning: the embedded default (a /24 pool, 10,000 sessions) is like this on purpose.
            LOG.info(() -> "at most " + pool.size() + " sessions: that is all pool " + config.pool().ipv4()
                    + " holds (limits.max-sessions is " + config.limits().maxSessions() + ")");
        }
        StatusSource status = new StatusSource(config.server().hostname(), version, wallClock, registry, pool,
                config.pool().gateway(), counters);
        CohortServer[] self = new CohortServer[1];
        Supplier<Optional<ClusterService>> clusterService = () -> Optional.ofNullable(self[0] == null ? null
                : self[0].cluster);
        Supplier<ClusterDocument> clusterDocument = () -> clusterService.get()
                .map(c -> ClusterDocument.of(c.view(), c.registrations(), Optional.of(c.replicationStatus())))
                .orElseGet(ClusterDocument::notClustered);
        ControlServer control = ControlServer.start(config.control().socket(), new StatusCommands(status::snapshot,
                clusterDocument, new DrainCommands(() -> clusterService.get().map(c -> c::drain), clusterDocument)),
                counters);
        CohortServer server = new CohortServer(config, counters, pool, registry, control, status);
        self[0] = server;
        ClusterRegistrations registrations = new ClusterRegistrations(config.steering().enabled());
        ServerContext context = new ServerContext(config, pool, registry, counters, Clock.system(), wallClock, additionalUsers,
                server::fail, registrations);
        Optional<MemberSteering> steering = Optional.empty();
        try {
            if (config.cluster().enabled()) {
                try {
                    steering = ClusterService.prepareSteering(config, counters);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("cannot prepare steering: " + e.getMessage(), e);
                }
            }
            ServerRuntime runtime = factory.create(context);
            runtime.start();
            boolean failedWhileStarting;
            synchronized (server.lifecycle) {
                failedWhileStarting = server.closing;
                server.runtime = runtime;
            }
            if (failedWhileStarting) {
                runtime.stop();
                throw new IllegalStateException("the protocol runtime failed while starting", server.failure.get());
            }
            if (config.cluster().enabled()) {
                try {
                    Optional<MemberSteering> prepared = steering;
                    steering = Optional.empty(); // the service closes it from here on, even if it fails
                    server.cluster = ClusterService.start(loaded, registrations, counters, server::restart, prepared);
                } catch (IOException | RuntimeException e) {
                    runtime.stop();
                    throw new IllegalStateException("cannot start the cluster member: " + e.getMessage(), e);
                }
            }
        } catch (Exception | Error e) {
            steering.ifPresent(MemberSteering::close);
            control.close();
            throw e;
        }
        LOG.info(() -> "cohort started: " + config.server().hostname() + ", L2TP on "
                + config.l2tp().listen().getHostAddress() + ":" + config.l2tp().port()
                + (config.pptp().enabled() ? ", PPTP on " + config.pptp().listen().getHostAddress() + ":"
                        + config.pptp().port() : "") + ", pool "
                + config.pool().ipv4() + ", control socket " + config.control().socket());
        return server;
    }

    public CohortConfig config() {
        return config;
    }

    public Counters counters() {
        return counters;
    }

    public Ipv4Pool pool() {
        return pool;
    }

    public SessionRegistry registry() {
        return registry;
    }

    /** What {@code cohort status} shows now. */
    public StatusSnapshot status() {
        return status.snapshot();
    }

    /** Closes the server so that {@code cohort run} starts it again on its (new) configuration. */
    private void restart() {
        restartRequested = true;
        Thread.ofPlatform().name("cohort-restart").start(this::close);
    }

    /** Whether the server closed to be started again (a configuration fetched from the cluster). */
    public boolean restartRequested() {
        return restartRequested;
    }

    /** The runtime reported that it cannot go on: shut down and remember why. */
    private void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        LOG.log(Level.SEVERE, "fatal error, shutting down", cause);
        Thread.ofPlatform().name("cohort-fatal-shutdown").start(this::close);
    }

    /** Stops the runtime, then the control socket; idempotent, safe from a shutdown hook. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            LOG.info("cohort stopping");
            ClusterService member = cluster;
            if (member != null) {
                member.handOverSessions(HAND_OVER_WAIT);
                member.close();
            }
            ServerRuntime started;
            synchronized (lifecycle) {
                started = runtime;
            }
            if (started != null) {
                started.stop();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "protocol runtime failed to stop cleanly", e);
        } finally {
            try {
                control.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove the control socket " + config.control().socket(), e);
            }
            closed.countDown();
            LOG.info("cohort stopped");
        }
    }

    /** Blocks until the server is closed; the fatal error that closed it, if one did. */
    public Optional<Throwable> awaitClosed() throws InterruptedException {
        closed.await();
        return Optional.ofNullable(failure.get());
    }
}
