package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.RandomIdAllocator;
import io.cohort.l2tp.TunnelIdAllocator;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.server.dataplane.EngineLoop;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The L2TP LNS of a server: the {@link L2tpNode} and its UDP socket on the {@link EngineLoop}
 * (the engine thread, shared with PPTP and the data path). Constructed with an engine loop it
 * uses that one (the loop's owner closes it); constructed without, it starts and stops its own
 * (a server that only speaks L2TP, e.g. in tests). Start-up order: engine loop if owned, node,
 * UDP socket; {@link #stop()} clears every tunnel, then undoes it in
 * reverse.
 */
public final class L2tpRuntime implements ServerRuntime {
    private static final Logger LOG = Logger.getLogger(L2tpRuntime.class.getName());

    private final ServerContext context;
    private final boolean ownsEngine;
    private final UnitOwnership ownership;
    private EngineLoop engine;
    private UdpEndpoint udp;
    private L2tpSessionWiring wiring;
    private volatile boolean stopping;

    /** A runtime with its own engine loop (TUN, dispatcher, users). */
    public L2tpRuntime(ServerContext context) {
        this.context = context;
        this.ownsEngine = true;
        this.ownership = context.cluster().register("l2tp");
    }

    /** A runtime on {@code engine}, which the caller started and will close after {@link #stop()}. */
    public L2tpRuntime(ServerContext context, EngineLoop engine) {
        this.context = context;
        this.ownsEngine = false;
        this.ownership = context.cluster().register("l2tp");
        this.engine = engine;
    }

    @Override
    public void start() throws Exception {
        try {
            if (ownsEngine) {
                engine = EngineLoop.start(context);
            }
            EngineLoop e = engine;
            wiring = new L2tpSessionWiring(context.registry(), context.pool(), e.pppServer(), e.scheduler(), e.loop(),
                    e.dispatcher(), (peer, datagram) -> udp.send(peer, datagram), context.counters(),
                    context.cluster().publisher(), e.foreignRoutes());
            L2tpSessionWiring w = wiring;
            ownership.sessionsOn(w.tally()::any);
            ownership.handover(new L2tpTakeover(context.cluster().replicas(), e.loop(), w, context.counters(), e.log()));
            int port = context.config().l2tp().port();
            SecureRandom random = new SecureRandom();
            TunnelIdAllocator tunnelIds = ownership.steering() ? new UnitTunnelIds(port, random,
                    TunnelIdAllocator.anyOf(new RandomIdAllocator(random))) : null;
            ServedUnitAuthority authority = new ServedUnitAuthority(ownership, context.cluster().replicas());
            e.onEngine(() -> w.attach(new L2tpNode(EngineConfiguration.l2tp(context.config()), e.scheduler(), w,
                    context.counters(), random, tunnelIds, null, authority)));
            L2tpUnitFilter filter = new L2tpUnitFilter(ownership, port, context.counters());
            udp = UdpEndpoint.bind(e.loop(), new InetSocketAddress(
                    context.config().steering().bindAddress(context.config().l2tp().listen()), port),
                    (peer, datagram) -> {
                        if (filter.accepts(peer, datagram)) {
                            w.receive(peer, datagram);
                        }
                    }, context.counters(), e.log());
            udp.closeFuture().addListener(f -> {
                if (!stopping) {
                    e.fail("the L2TP socket closed");
                }
            });
        } catch (Exception | Error e) {
            release();
            throw e;
        }
        LOG.info(() -> "L2TP listening on " + udp.localAddress() + ", TUN " + engine.tunName() + ", epoll "
                + Epoll.isAvailable());
    }

    /** Where the L2TP socket is bound (for tests that bind port 0). */
    public InetSocketAddress localAddress() {
        return udp.localAddress();
    }

    /** The engine loop this runtime runs on. */
    public Optional<EngineLoop> engine() {
        return Optional.ofNullable(engine);
    }

    @Override
    public void stop() {
        stopping = true;
        try {
            L2tpSessionWiring w = wiring;
            if (w != null) {
                engine.onEngine(() -> w.closeAll("server shutting down"));
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not clear the tunnels before stopping", e);
        }
        release();
    }

    /**
     * Stops as a process that dies would: the socket closes first, so not a datagram more goes
     * out (no StopCCN, CDN or LCP Terminate-Request), and nothing published is removed; the
     * tunnels are left to the member that takes their work units over.
     */
    public void abandon() {
        release();
    }

    /** Closes whatever was opened, in reverse order; safe after a partial start. */
    private void release() {
        stopping = true;
        if (udp != null) {
            udp.close();
        }
        if (ownsEngine && engine != null) {
            engine.close();
        }
    }
}
