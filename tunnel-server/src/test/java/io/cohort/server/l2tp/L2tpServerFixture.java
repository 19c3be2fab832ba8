package io.cohort.server.l2tp;

import io.cohort.client.ClientOptions;
import io.cohort.client.L2tpClient;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.runtime.ServerContext;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import io.cohort.time.Clock;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real L2TP runtime (UDP, TUN, pool route, ip_forward on) in a server namespace, a client
 * namespace behind a veth for the in-repo client, and an "inside host" routed behind the server.
 * Closing it stops the runtime (if the test has not) and removes the namespaces, also when the
 * test failed half-way.
 *
 * <pre>
 *   lac 192.0.2.2/24 (+ extra addresses) ── lns 192.0.2.1 ─ TUN 10.99.0.0/24 ─ 198.51.100.1 ── host 198.51.100.2
 * </pre>
 */
final class L2tpServerFixture implements AutoCloseable {
    static final Inet4Address INSIDE_HOST = Ipv4Literal.parse("198.51.100.2").orElseThrow();
    static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";

    final TestNetwork net;
    final Netns server;
    final Netns lac;
    final Netns inside;
    final CohortConfig config;
    final Ipv4Pool pool;
    final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    final Counters counters = new Counters();
    /** What the runtime reported as fatal (a closed socket, a dead TUN reader); empty if healthy. */
    final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private L2tpRuntime runtime;
    private final Path dir;
    private final String l2tpSettings;

    private L2tpServerFixture(TestNetwork net, CohortConfig config, Path dir, String l2tpSettings) {
        this.dir = dir;
        this.l2tpSettings = l2tpSettings;
        this.net = net;
        this.config = config;
        this.pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
        server = net.namespace("lns");
        lac = net.namespace("lac");
        inside = net.namespace("host");
    }

    /**
     * Builds the network and starts the runtime. {@code l2tpSettings} are extra lines for the
     * {@code [l2tp]} section, {@code extraSections} whole further sections (e.g. {@code [limits]}),
     * {@code extraClientAddresses} further CIDRs on the client's interface.
     */
    static L2tpServerFixture start(Path dir, String l2tpSettings, String extraSections, String... extraClientAddresses)
            throws Exception {
        return start(dir, l2tpSettings, extraSections, ClusterRegistrations.standalone(), extraClientAddresses);
    }

    /** {@link #start(Path, String, String, String...)} with the server's cluster registrations given. */
    static L2tpServerFixture start(Path dir, String l2tpSettings, String extraSections, ClusterRegistrations cluster,
                                   String... extraClientAddresses) throws Exception {
        TestNetwork net = TestNetwork.create();
        try {
            L2tpServerFixture f = new L2tpServerFixture(net, config(dir, l2tpSettings, extraSections, POOL), dir,
                    l2tpSettings);
            f.wire(extraClientAddresses);
            ServerContext context = new ServerContext(f.config, f.pool, f.registry, f.counters, Clock.system(),
                    InstantSource.system(), java.util.Optional.empty(), f.fatal::add, cluster);
            f.runtime = f.server.runInside(() -> {
                L2tpRuntime r = new L2tpRuntime(context);
                r.start();
                return r;
            });
            return f;
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    private void wire(String... extraClientAddresses) {
        net.veth(lac, "v-lac", server, "v-lns");
        lac.addAddress("v-lac", "192.0.2.2/24");
        for (String cidr : extraClientAddresses) {
            lac.addAddress("v-lac", cidr);
        }
        server.addAddress("v-lns", "192.0.2.1/24");
        lac.linkUp("v-lac");
        server.linkUp("v-lns");
        net.veth(server, "v-in", inside, "v-host");
        server.addAddress("v-in", "198.51.100.1/24");
        inside.addAddress("v-host", "198.51.100.2/24");
        server.linkUp("v-in");
        inside.linkUp("v-host");
        inside.addRoute("10.99.0.0/24", "198.51.100.1");
        server.enableForwarding();
    }

    /** Client options for the configured user. */
    static ClientOptions clientOptions() {
        return ClientOptions.of(LNS, USER, PASSWORD);
    }

    /** An in-repo client whose socket and engine thread live in the client namespace. */
    L2tpClient openClient(ClientOptions options) {
        return lac.runInside(() -> L2tpClient.open(options));
    }

    /**
     * Stops the runtime as a dying process would: the socket closes first, not a datagram more
     * goes out, nothing published is removed (its tunnels are left to a successor).
     */
    void abandonServer() {
        L2tpRuntime r = runtime;
        runtime = null;
        r.abandon();
    }

    /** Another member in the server namespace, on the same address and port, with its own pool. */
    record Successor(L2tpRuntime runtime, Ipv4Pool pool, SessionRegistry registry, Counters counters,
                     ClusterRegistrations cluster) implements AutoCloseable {
        @Override
        public void close() {
            runtime.stop();
        }
    }

    /**
     * Starts a successor member (after {@link #abandonServer}) whose pool is {@code pool} with
     * {@code gateway}, and whose replicas are {@code cluster}'s.
     */
    Successor startSuccessor(String pool, String gateway, ClusterRegistrations cluster) throws Exception {
        Path own = Files.createDirectories(dir.resolve("successor"));
        CohortConfig c = config(own, l2tpSettings, "", pool + "\ngateway = " + gateway);
        Ipv4Pool p = new Ipv4Pool(c.pool().ipv4(), c.pool().gateway());
        SessionRegistry r = new SessionRegistry(InstantSource.system());
        Counters counters = new Counters();
        ServerContext context = new ServerContext(c, p, r, counters, Clock.system(), InstantSource.system(),
                Optional.empty(), fatal::add, cluster);
        L2tpRuntime started = server.runInside(() -> {
            L2tpRuntime runtime = new L2tpRuntime(context);
            runtime.start();
            return runtime;
        });
        return new Successor(started, p, r, counters, cluster);
    }

    /** Stops the runtime (clears every tunnel first); idempotent. */
    void stopServer() {
        if (runtime != null) {
            L2tpRuntime r = runtime;
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

    private static final String POOL = "10.99.0.0/24\ngateway = 10.99.0.1";

    private static CohortConfig config(Path dir, String l2tpSettings, String extraSections, String pool)
            throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, USER + ":clear:" + PASSWORD + "\n");
        Path ini = dir.resolve("cohort.ini");
        Files.writeString(ini, """
                [l2tp]
                listen = 192.0.2.1
                port = 1701
                %s
                [ppp]
                auth = mschapv2, chap-md5, pap
                echo-interval = 0s
                [pool]
                ipv4 = %s
                [tun]
                name = cohortit0
                [users]
                file = %s
                [control]
                socket = %s
                %s
                """.formatted(l2tpSettings, pool, users, dir.resolve("control.sock"), extraSections));
        return ConfigLoader.load(Optional.of(ini));
    }
}
