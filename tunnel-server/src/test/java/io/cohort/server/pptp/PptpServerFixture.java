package io.cohort.server.pptp;

import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.protocols.ProtocolsRuntime;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.registry.TunnelStatus;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.status.StatusSource;
import io.cohort.server.status.StatusText;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import io.cohort.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The production runtime ({@link ProtocolsRuntime}: L2TP and PPTP on one engine loop, TUN and
 * all) in a server namespace, and a client namespace behind a veth for stock and hand-made PPTP
 * peers. Short PPTP timers (set-up 2 s, echo 2 s) so that stalled peers are cut off quickly.
 * Closing it stops the runtime and removes the namespaces (and every process in them), also when
 * the test failed half-way.
 *
 * <pre>
 *   pac 192.0.2.2/24 ── pns 192.0.2.1 (TCP 1723, GRE, UDP 1701) ─ TUN 10.98.0.0/24
 * </pre>
 */
final class PptpServerFixture implements AutoCloseable {
    static final String SERVER = "192.0.2.1";
    static final Duration PPTP_TIMER = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

    final TestNetwork net;
    final Netns server;
    final Netns client;
    final CohortConfig config;
    final Ipv4Pool pool;
    final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    final Counters counters = new Counters();
    final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private ProtocolsRuntime runtime;

    private PptpServerFixture(TestNetwork net, CohortConfig config) {
        this.net = net;
        this.config = config;
        this.pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
        server = net.namespace("pns");
        client = net.namespace("pac");
    }

    static PptpServerFixture start(Path dir) throws Exception {
        TestNetwork net = TestNetwork.create();
        try {
            PptpServerFixture f = new PptpServerFixture(net, config(dir));
            net.veth(f.client, "v-pac", f.server, "v-pns");
            f.client.addAddress("v-pac", "192.0.2.2/24");
            f.server.addAddress("v-pns", SERVER + "/24");
            f.client.linkUp("v-pac");
            f.server.linkUp("v-pns");
            ServerContext context = new ServerContext(f.config, f.pool, f.registry, f.counters, Clock.system(),
                    InstantSource.system(), java.util.Optional.empty(), f.fatal::add, io.cohort.server.cluster.ClusterRegistrations.standalone());
            f.runtime = f.server.runInside(() -> {
                ProtocolsRuntime r = new ProtocolsRuntime(context);
                r.start();
                return r;
            });
            return f;
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    List<TunnelStatus> pptpTunnels() {
        return registry.tunnels().stream().filter(t -> t.key().protocol() == TunnelProtocol.PPTP).toList();
    }

    List<SessionStatus> pptpSessions() {
        return registry.sessions().stream().filter(s -> s.key().tunnel().protocol() == TunnelProtocol.PPTP).toList();
    }

    /** What `cohort status` would print now. */
    String statusText() {
        return StatusText.render(new StatusSource(config.server().hostname(), "test", InstantSource.system(), registry,
                pool, config.pool().gateway(), counters).snapshot());
    }

    long counter(String name) {
        return counters.counter(name).get();
    }

    /** Polls {@code condition} until it holds; fails with {@code state} if it does not within {@code timeout}. */
    static void await(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + "\n" + state.get(), e);
        }
    }

    void stopServer() {
        if (runtime != null) {
            ProtocolsRuntime r = runtime;
            runtime = null;
            r.stop();
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            net.close();
        }
    }

    /** The PPTP server's configuration in {@code dir} (users file, control socket), as the PPTP ITs run it. */
    static CohortConfig config(Path dir) throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:clear:wonderland\n");
        Path ini = dir.resolve("cohort.ini");
        Files.writeString(ini, """
                [l2tp]
                listen = %s
                [pptp]
                listen = %s
                setup-timeout = 2s
                echo-interval = 2s
                [ppp]
                auth = mschapv2
                echo-interval = 0s
                [pool]
                ipv4 = 10.98.0.0/24
                gateway = 10.98.0.1
                [tun]
                name = cohortpt0
                [users]
                file = %s
                [control]
                socket = %s
                """.formatted(SERVER, SERVER, users, dir.resolve("control.sock")));
        return ConfigLoader.load(Optional.of(ini));
    }
}
