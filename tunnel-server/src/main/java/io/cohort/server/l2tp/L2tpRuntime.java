package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpNode;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.auth.UserDirectory;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.demo.DemoRun;
import io.cohort.server.demo.DemoUser;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.ExecutorScheduler;
import io.cohort.time.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The L2TP LNS of a server: one Netty event loop (the engine thread) owns the {@link L2tpNode},
 * every PPP link and the {@link Ipv4Dispatcher}; the UDP socket reads on that loop, the TUN
 * reader thread copies each packet and hands it over. Start-up order: users (a bad users file
 * refuses to start), TUN with address and route, event loop, node, UDP socket, TUN reader;
 * {@link #stop()} undoes it in reverse after clearing every tunnel.
 */
public final class L2tpRuntime implements ServerRuntime {
    private static final Logger LOG = Logger.getLogger(L2tpRuntime.class.getName());
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final ServerContext context;
    private final Optional<DemoUser> demoUser;
    private EventLoopGroup group;
    private EventLoop loop;
    private TunInterface tun;
    private UdpEndpoint udp;
    private L2tpSessionWiring wiring;
    private ScheduledFuture<?> watchdog;
    private DemoRun demo;
    private volatile boolean stopping;

    public L2tpRuntime(ServerContext context) {
        this.context = context;
        this.demoUser = context.demo() ? Optional.of(DemoUser.random()) : Optional.empty();
    }

    @Override
    public void start() throws Exception {
        CohortConfig config = context.config();
        Optional<UserDirectory> extra = demoUser.map(u -> new InMemoryUserDirectory().put(u.name(), u.password()));
        UserDirectory users = ServerUsers.load(config.users(), extra);
        try {
            tun = TunInterface.open(config.tun(), config.pool());
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cohort-l2tp"),
                    Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            loop = group.next();
            Scheduler scheduler = new ExecutorScheduler(loop);
            Counters counters = context.counters();
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger(L2tpRuntime.class.getName()), scheduler);
            PppLinkConfig ppp = EngineConfiguration.pppServer(config, new DirectoryAuthenticator(users),
                    context.pool(), new SecureRandom(), counters, log);
            Ipv4Dispatcher dispatcher = new Ipv4Dispatcher(tun::write, config.ppp().mru(), counters, log);
            wiring = new L2tpSessionWiring(context.registry(), context.pool(), ppp, scheduler, loop, dispatcher,
                    (peer, datagram) -> udp.send(peer, datagram), counters);
            L2tpSessionWiring w = wiring;
            onEngine(() -> w.attach(new L2tpNode(EngineConfiguration.l2tp(config), scheduler, w, counters,
                    new SecureRandom(), null, null)));
            udp = UdpEndpoint.bind(loop, new InetSocketAddress(config.l2tp().listen(), config.l2tp().port()),
                    w::receive, counters, log);
            udp.closeFuture().addListener(f -> failIfRunning("the L2TP socket closed"));
            tun.startReading(packet -> {
                ByteBuffer copy = ByteBuffer.allocate(packet.remaining()).put(packet).flip();
                loop.execute(() -> dispatcher.fromTun(copy));
            }, counters);
            watchdog = loop.scheduleAtFixedRate(() -> {
                if (!tun.reading()) {
                    failIfRunning("the TUN reader stopped" + tun.readFailure().map(e -> ": " + e).orElse(""));
                }
            }, 1, 1, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            release();
            throw e;
        }
        LOG.info(() -> "L2TP listening on " + udp.localAddress() + ", TUN " + tun.name() + ", epoll "
                + Epoll.isAvailable());
        demoUser.ifPresent(u -> demo = DemoRun.start(context, udp.localAddress(), u));
    }

    /** Where the L2TP socket is bound (for tests that bind port 0). */
    public InetSocketAddress localAddress() {
        return udp.localAddress();
    }

    @Override
    public void stop() {
        stopping = true;
        if (demo != null) {
            demo.close();
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        try {
            L2tpSessionWiring w = wiring;
            onEngine(() -> w.closeAll("server shutting down"));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not clear the tunnels before stopping", e);
        }
        release();
    }

    private void failIfRunning(String what) {
        if (!stopping) {
            stopping = true;
            context.fatal().accept(new IllegalStateException(what));
        }
    }

    private void onEngine(Runnable task) throws InterruptedException, ExecutionException, TimeoutException {
        loop.submit(task).get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes whatever was opened, in reverse order; safe after a partial start. */
    private void release() {
        stopping = true;
        if (tun != null) {
            tun.close();
        }
        if (udp != null) {
            udp.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
