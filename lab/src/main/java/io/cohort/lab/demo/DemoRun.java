package io.cohort.lab.demo;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.server.runtime.CohortServer;
import io.cohort.server.status.StatusText;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * What {@code cohort run --demo} shows a newcomer: the built-in client connects to this server as
 * the demo user, pings the gateway through the tunnel (the kernel answers through the TUN), and
 * an account of it is printed, followed by the status table {@code cohort status} would show.
 * The client stays connected while the server runs, so {@code cohort status} shows it too.
 */
public final class DemoRun implements AutoCloseable {
    private static final int PINGS = 3;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final CohortServer cohort;
    private final InetSocketAddress server;
    private final DemoUser user;
    private final PrintStream out;
    private final Thread thread;
    private volatile L2tpClient client;
    private volatile ClientSession session;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoRun(CohortServer cohort, InetSocketAddress server, DemoUser user, PrintStream out) {
        this.cohort = cohort;
        this.server = server;
        this.user = user;
        this.out = out;
        this.thread = Thread.ofPlatform().name("cohort-demo").daemon(true).unstarted(this::run);
    }

    /**
     * Starts the demo on its own thread against {@code cohort}, started with {@code user} among its
     * additional users; the client connects to the L2TP address of its configuration.
     */
    public static DemoRun start(CohortServer cohort, DemoUser user) {
        InetSocketAddress listen = new InetSocketAddress(cohort.config().l2tp().listen(), cohort.config().l2tp().port());
        DemoRun demo = new DemoRun(cohort, reachable(listen), user, System.out);
        demo.thread.start();
        return demo;
    }

    /** A wildcard listen address is reached at the loopback address. */
    static InetSocketAddress reachable(InetSocketAddress listen) {
        InetAddress a = listen.getAddress();
        return a.isAnyLocalAddress() ? new InetSocketAddress(InetAddress.getLoopbackAddress(), listen.getPort()) : listen;
    }

    private void run() {
        try {
            out.println("demo: connecting the built-in client to " + server.getAddress().getHostAddress() + ":"
                    + server.getPort() + " as user '" + user.name() + "'");
            client = L2tpClient.open(ClientOptions.of(server, user.name(), user.password()));
            session = client.connect();
            out.println("demo: tunnel up, session up: user " + session.user() + " (" + session.authMethod()
                    + "), assigned address " + session.address().getHostAddress() + ", gateway "
                    + session.gateway().getHostAddress());
            Inet4Address gateway = session.gateway();
            PingResult ping = session.ping(gateway, PINGS, PING_TIMEOUT);
            out.println("demo: ping " + gateway.getHostAddress() + " through the tunnel: " + ping.sent() + " sent, "
                    + ping.received() + " received" + (ping.roundTrips().isEmpty() ? "" : ", round trips "
                    + ping.roundTrips().stream().map(d -> String.format("%.2f ms", d.toNanos() / 1e6))
                    .collect(Collectors.joining(", "))));
            out.println();
            out.print(StatusText.render(cohort.status()));
            out.println();
            out.println("demo: serving; press Ctrl-C to stop");
        } catch (Exception e) {
            out.println("demo: the built-in client could not connect: " + e.getMessage());
        } finally {
            out.flush();
        }
    }

    /** Disconnects the built-in client (before the server clears its tunnels); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.interrupt();
        ClientSession s = session;
        if (s != null) {
            s.close();
        }
        L2tpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
