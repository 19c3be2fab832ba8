package io.cohort.server.pptp;

import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.protocols.ProtocolsRuntime;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.runtime.ServerContext;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import io.cohort.time.Clock;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Production runtimes ({@link ProtocolsRuntime}) started one after another on the same address of
 * a server namespace, each with its own pool, session registry and counters, as the members of a
 * cluster that take over from each other would be; a client namespace on a veth beside it, for the
 * in-repo client. Closing it stops every runtime still running and removes the namespaces (and
 * every process in them), also when the test failed half-way.
 *
 * <pre>
 *   pac 192.0.2.2/24 ── pns 192.0.2.1 (TCP 1723, GRE) ─ TUN 10.98.0.0/24: one server, then the next
 * </pre>
 */
final class SuccessiveServers implements AutoCloseable {
    /** One server: its runtime and what it alone holds. */
    record Server(ProtocolsRuntime runtime, ClusterRegistrations registrations, Ipv4Pool pool,
                  SessionRegistry registry, Counters counters) {
    }

    final Netns server;
    final Netns client;
    final CohortConfig config;
    /** What any runtime reported as fatal; a test expects it empty. */
    final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private final TestNetwork net;
    private final List<ProtocolsRuntime> running = new ArrayList<>();

    private SuccessiveServers(TestNetwork net, CohortConfig config) {
        this.net = net;
        this.config = config;
        server = net.namespace("pns");
        client = net.namespace("pac");
    }

    /** The namespaces, with {@link PptpServerFixture#config} written into {@code dir}; no server runs yet. */
    static SuccessiveServers create(Path dir) throws Exception {
        CohortConfig config = PptpServerFixture.config(dir);
        TestNetwork net = TestNetwork.create();
        try {
            SuccessiveServers servers = new SuccessiveServers(net, config);
            net.veth(servers.client, "v-pac", servers.server, "v-pns");
            servers.client.addAddress("v-pac", "192.0.2.2/24");
            servers.server.addAddress("v-pns", PptpServerFixture.SERVER + "/24");
            servers.client.linkUp("v-pac");
            servers.server.linkUp("v-pns");
            return servers;
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    /** Starts a runtime in the server namespace that registers its units with {@code registrations}. */
    Server start(ClusterRegistrations registrations) {
        Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
        SessionRegistry registry = new SessionRegistry(InstantSource.system());
        Counters counters = new Counters();
        ServerContext context = new ServerContext(config, pool, registry, counters, Clock.system(),
                InstantSource.system(), Optional.empty(), fatal::add, registrations);
        ProtocolsRuntime runtime = server.runInside(() -> {
            ProtocolsRuntime r = new ProtocolsRuntime(context);
            r.start();
            return r;
        });
        synchronized (running) {
            running.add(runtime);
        }
        return new Server(runtime, registrations, pool, registry, counters);
    }

    /** Stops {@code s}: its GRE socket, listener and TUN device close. */
    void stop(Server s) {
        synchronized (running) {
            running.remove(s.runtime());
        }
        s.runtime().stop();
    }

    @Override
    public void close() {
        try {
            List<ProtocolsRuntime> left;
            synchronized (running) {
                left = List.copyOf(running);
                running.clear();
            }
            left.forEach(ProtocolsRuntime::stop);
        } finally {
            net.close();
        }
    }
}
