package io.cohort.server.dataplane;

import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.UserDirectory;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.sessions.ForeignAddressRoutes;
import io.cohort.server.sessions.PppServerConfiguration;
import io.cohort.server.sessions.ServerUsers;
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
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine thread of a server and what every protocol runtime shares on it: one Netty event
 * loop (epoll, NIO where epoll is unavailable) that drives every engine (the L2TP node, the PPTP
 * control connections, every PPP link), the TUN device with the pool route, the
 * {@link Ipv4Dispatcher} between the TUN and the sessions, the users and the server-role
 * {@link PppLinkConfig}. Because all of it runs on one thread, the address pool, the registry rows
 * and the dispatcher need no locks. The TUN reader thread copies each packet onto the loop; a
 * watchdog reports a dead reader as fatal.
 *
 * <p>Start-up order: users (a bad users file refuses to start), event loop, the inside LAN if
 * configured ({@link InsideArp}: ARP for the sessions' addresses), TUN with address and route, TUN
 * reader. Protocol runtimes bind their sockets on {@link #loop()} after this and close
 * them before {@link #close()}.
 */
public final class EngineLoop implements AutoCloseable {
    private static final long TASK_TIMEOUT_SECONDS = 5;

    private final ServerContext context;
    private final AtomicBoolean closing = new AtomicBoolean();
    private EventLoopGroup group;
    private EventLoop loop;
    private Scheduler scheduler;
    private RateLimitedLog log;
    private TunInterface tun;
    private Ipv4Dispatcher dispatcher;
    private ForeignAddressRoutes<Object> foreignRoutes;
    private InsideArp inside;
    private PppLinkConfig pppServer;
    private ScheduledFuture<?> watchdog;

    private EngineLoop(ServerContext context) {
        this.context = context;
    }

    /** Opens the TUN and starts the loop in the calling thread's network namespace. */
    public static EngineLoop start(ServerContext context) throws Exception {
        EngineLoop engine = new EngineLoop(context);
        try {
            engine.open();
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private void open() throws Exception {
        CohortConfig config = context.config();
        UserDirectory users = ServerUsers.load(config.users(), context.additionalUsers());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cohort-engine"),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        loop = group.next();
        scheduler = new ExecutorScheduler(loop);
        log = RateLimitedLog.standard(System.getLogger(EngineLoop.class.getName()), scheduler);
        if (config.inside().interfaceName().isPresent()) {
            // Before the TUN: its pool route would make the kernel answer a killed predecessor's
            // stale proxy entries, for addresses other members serve now, until they are removed.
            inside = InsideArp.open(config.inside().interfaceName().get(), scheduler, context.counters(), log);
        }
        tun = TunInterface.open(config.tun(), config.pool());
        pppServer = PppServerConfiguration.pppServer(config, new DirectoryAuthenticator(users), context.pool(),
                new SecureRandom(), context.counters(), log);
        dispatcher = new Ipv4Dispatcher(tun::write, config.ppp().mru(), context.counters(), log,
                inside == null ? Ipv4Dispatcher.ServedAddresses.NONE : inside.neighbours());
        foreignRoutes = new ForeignAddressRoutes<>(context.pool(), tun);
        Ipv4Dispatcher d = dispatcher;
        EngineInbox inbox = new EngineInbox(loop, EngineInbox.DEFAULT_LIMIT,
                context.counters().counter("tun.rx.dropped.engine_busy"));
        tun.startReading(packet -> inbox.offer(packet, d::fromTun), context.counters());
        watchdog = loop.scheduleAtFixedRate(() -> {
            if (!tun.reading()) {
                fail("the TUN reader stopped" + tun.readFailure().map(e -> ": " + e).orElse(""));
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    public EventLoop loop() {
        return loop;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The rate-limited log the engines share. */
    public RateLimitedLog log() {
        return log;
    }

    public Ipv4Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The server-role PPP configuration of {@code [ppp]}, without encryption. */
    public PppLinkConfig pppServer() {
        return pppServer;
    }

    /**
     * The kernel addressing of sessions taken over from other members (host routes, their old
     * gateways), one for every protocol on this engine: two protocols' sessions may hold the same
     * gateway.
     */
    public ForeignAddressRoutes<Object> foreignRoutes() {
        return foreignRoutes;
    }

    public String tunName() {
        return tun.name();
    }

    /** Runs {@code task} on the loop and waits (a few seconds at most) for its result. */
    public <T> T onEngine(Callable<T> task) throws InterruptedException, ExecutionException, TimeoutException {
        return loop.submit(task).get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs {@code task} on the loop and waits (a few seconds at most) for it. */
    public void onEngine(Runnable task) throws InterruptedException, ExecutionException, TimeoutException {
        loop.submit(task).get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Reports a fatal error to the server, once, unless the loop is already closing. */
    public void fail(String what) {
        if (closing.compareAndSet(false, true)) {
            context.fatal().accept(new IllegalStateException(what));
        }
    }

    /**
     * Stops the TUN reader and removes the device, then stops the loop and closes the inside LAN (its
     * proxy ARP entries stay: with the TUN gone nothing routes their addresses, so the kernel answers
     * for none, and the next start removes them); safe after a partial start.
     */
    @Override
    public void close() {
        closing.set(true);
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (tun != null) {
            tun.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (inside != null) {
            inside.close();
        }
    }
}
