package io.cohort.server.pptp;

import io.cohort.cluster.unit.UnitIdAllocator;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.UnknownCallAnswers;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.server.cluster.PeerUnits;
import io.cohort.server.cluster.UnitTally;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.PptpSection;
import io.cohort.server.dataplane.EngineLoop;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import io.cohort.server.sessions.PppServerConfiguration;
import io.cohort.telemetry.AnswerBudget;
import io.cohort.time.Timer;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PPTP server (RFC 2637, Cohort as the PAC of remote-access clients) on the shared
 * {@link EngineLoop}: the control listener on TCP {@code [pptp] port}, the raw GRE socket, one
 * {@link ControlConnection} per accepted connection and a PPP link per call, all on the engine
 * thread (the thread that also runs L2TP and the data path: the pool, the registry and the
 * dispatcher are shared without locks). Call IDs come from one allocator for every connection
 * (3.2.2); the calls of all connections together are limited by {@code [limits] max-sessions}.
 *
 * <p>Constructed with an engine loop it uses that one; constructed without, it starts and stops
 * its own (a server that only speaks PPTP, e.g. in tests). {@link #stop()} stops every control
 * connection (calls cleared with Call-Disconnect-Notify, Stop-Control-Connection-Request sent),
 * closes the sockets, and gives back every address.
 */
public final class PptpRuntime implements ServerRuntime {
    private static final Logger LOG = Logger.getLogger(PptpRuntime.class.getName());
    /**
     * How often the calls' per-packet counters (GRE sequence numbers, MPPE coherency counts) are
     * republished where they moved: lazily, as figure 7 of the patent and DESIGN.md "State" say.
     */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);

    private final ServerContext context;
    private final boolean ownsEngine;
    private final UnitOwnership ownership;
    private EngineLoop engine;
    private GreEndpoint gre;
    private ControlListener listener;
    private PptpCallWiring wiring;
    private ScheduledFuture<?> watchdog;
    private volatile boolean stopping;
    // engine thread only
    private final Map<Integer, PptpConnection> connections = new HashMap<>();
    /** The connections per work unit, for the cluster's question which units are busy. */
    private final UnitTally tally = new UnitTally();
    private int lastConnectionId;
    private ControlSettings settings;
    private RandomCallIdAllocator callIds;
    private UnitIdAllocator unitCallIds;
    private CallCapacity capacity;
    private PptpStatePublication publication;
    private ControlSocketRepair sockets;
    private UnknownGreCalls unknownGreCalls;
    private Timer sweep = Timer.NONE;

    /** A runtime with its own engine loop (TUN, dispatcher, users). */
    public PptpRuntime(ServerContext context) {
        this.context = context;
        this.ownsEngine = true;
        this.ownership = context.cluster().register("pptp");
        ownership.handover(new PptpTakeover(this, context.cluster().replicas(), context.counters()));
        ownership.sessionsOn(tally::any);
    }

    /** A runtime on {@code engine}, which the caller started and will close after {@link #stop()}. */
    public PptpRuntime(ServerContext context, EngineLoop engine) {
        this.context = context;
        this.ownsEngine = false;
        this.ownership = context.cluster().register("pptp");
        ownership.handover(new PptpTakeover(this, context.cluster().replicas(), context.counters()));
        ownership.sessionsOn(tally::any);
        this.engine = engine;
    }

    private static final int EPERM = 1;
    private static final int EACCES = 13;

    /** The raw GRE socket; without the privilege for it, an error that says what to do. */
    private GreEndpoint openGre(PptpSection p, EngineLoop e, PptpCallWiring w) throws IOException {
        try {
            return GreEndpoint.open(listen(), e.loop(), w::receive, context.counters(), e.log());
        } catch (SystemCallException denied) {
            if (denied.errno() != EPERM && denied.errno() != EACCES) {
                throw denied;
            }
            throw new IOException("PPTP carries its data in GRE (IP protocol 47) through a raw socket, which needs root"
                    + " or CAP_NET_RAW; grant it, or set [pptp] enabled = false (" + denied.getMessage() + ")", denied);
        }
    }

    /** The configured listen address, or with steering the cluster IP for a wildcard. */
    private Inet4Address listen() {
        CohortConfig config = context.config();
        return config.steering().bindAddress(config.pptp().listen());
    }

    @Override
    public void start() throws Exception {
        CohortConfig config = context.config();
        PptpSection p = config.pptp();
        try {
            if (ownsEngine) {
                engine = EngineLoop.start(context);
            }
            EngineLoop e = engine;
            settings = PptpEngineConfiguration.control(config);
            SecureRandom random = new SecureRandom();
            callIds = new RandomCallIdAllocator(random);
            unitCallIds = new UnitIdAllocator(random);
            capacity = new CallCapacity(config.limits().maxSessions());
            publication = new PptpStatePublication(context.cluster().publisher(), context.counters());
            sockets = new ControlSocketRepair(context.counters(), e.log());
            PptpCallWiring w = new PptpCallWiring(context.registry(), context.pool(),
                    PppServerConfiguration.pptpServer(e.pppServer(), p.encryption()), PptpEngineConfiguration.gre(),
                    e.scheduler(), e.loop(), e.dispatcher(), (peer, packet) -> gre.send(peer, packet),
                    e.foreignRoutes(), context.counters(), e.log(), this::unknownGreCall);
            wiring = w;
            unknownGreCalls = new UnknownGreCalls(ownership, connections::values, new UnknownCallAnswers(
                    AnswerBudget.standard(e.scheduler()), context.counters(), e.log()));
            gre = openGre(p, e, w);
            listener = ControlListener.bind(e.loop(), new InetSocketAddress(listen(), p.port()), this::accept,
                    context.counters(), e.log());
            listener.closeFuture().addListener(f -> failIfRunning("the PPTP listening socket closed"));
            watchdog = e.loop().scheduleAtFixedRate(() -> {
                if (!gre.reading()) {
                    failIfRunning("the GRE reader stopped: " + gre.failure());
                }
            }, 1, 1, TimeUnit.SECONDS);
            e.onEngine(this::sweep);
        } catch (Exception | Error e) {
            release();
            throw e;
        }
        LOG.info(() -> "PPTP listening on " + listener.localAddress() + ", GRE on " + listen().getHostAddress()
                + ", encryption " + p.encryption().configName() + ", TUN " + engine.tunName());
    }

    /** On the engine thread: GRE for a Call ID no call here has. */
    private void unknownGreCall(Inet4Address source, int callId) {
        unknownGreCalls.received(source, callId);
    }

    /** Where the control listener is bound (for tests that bind port 0). */
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    /** The engine loop this runtime runs on. */
    public Optional<EngineLoop> engine() {
        return Optional.ofNullable(engine);
    }

    /**
     * The Call IDs of a connection from {@code peer}: with steering, IDs of the connection's work
     * unit (the kernel filter let its SYN through because this member owns it); else any.
     */
    private CallIdAllocator callIdsFor(InetSocketAddress peer) {
        if (!ownership.steering()) {
            return callIds;
        }
        return new UnitCallIds(unitCallIds, unitOf(peer));
    }

    /** Marks a carried call's Call ID in use; false if it already is. */
    private boolean claimCallId(int callId) {
        return ownership.steering() ? unitCallIds.reserve(callId) : callIds.claim(callId);
    }

    /**
     * The work unit of the control connection from {@code peer} (an IPv4 address): its TCP flow's,
     * as steering classifies it. The connection's state is published in it, and handed over with it.
     */
    private WorkUnit unitOf(InetSocketAddress peer) {
        return PeerUnits.tcp(peer, context.config().pptp().port()).orElseThrow();
    }

    private PptpConnection newConnection(Channel channel, InetSocketAddress peer, int id) {
        ConnectionReplication replication = new ConnectionReplication(unitOf(peer), PptpStateKeys.connection(peer),
                publication, () -> sockets.capture(channel));
        return new PptpConnection(channel, peer, new TunnelKey(TunnelProtocol.PPTP, id), context.registry(), wiring,
                replication);
    }

    /** On the engine thread, every {@link #SWEEP_INTERVAL}: the lazy part of the calls' state. */
    private void sweep() {
        if (stopping) {
            return;
        }
        wiring.sweep();
        sweep = engine.scheduler().schedule(SWEEP_INTERVAL, this::sweep);
    }

    /**
     * On the engine thread: carries on a control connection another member published (patent,
     * figure 7), on its TCP connection restored under the listen address without a handshake, with
     * its calls; a call without usable session state is cleared (Call-Disconnect-Notify). Its
     * state is published anew as this member's.
     *
     * @throws SystemCallException   if the TCP connection cannot be restored
     * @throws IllegalStateException if a Call ID it carries is in use on this member, or the
     *                               restored channel cannot join the engine loop
     * @throws IllegalArgumentException if its records do not fit this server's settings
     */
    void restore(ReplicatedConnection replica) throws SystemCallException {
        InetSocketAddress peer = replica.tcp().initial().remote();
        CallIdAllocator allocator = callIdsFor(peer);
        List<Integer> claimed = new ArrayList<>();
        for (PptpCall call : replica.calls()) {
            if (!claimCallId(call.callId())) {
                claimed.forEach(allocator::release);
                throw new IllegalStateException("Call ID " + call.callId() + " is in use on this member");
            }
            claimed.add(call.callId());
        }
        EpollSocketChannel channel;
        try {
            channel = ControlSocketRepair.restore(replica.tcp());
        } catch (SystemCallException e) {
            claimed.forEach(allocator::release);
            throw e;
        }
        int id = nextConnectionId();
        PptpConnection connection = newConnection(channel, peer, id);
        ControlConnection control;
        try {
            control = ControlConnection.rebuild(replica.initial(), replica.calls(), replica.essential(), settings,
                    engine.scheduler(), allocator, capacity.forPeer(peer.getAddress()), connection,
                    context.counters(), engine.log(), String.valueOf(peer));
        } catch (IllegalArgumentException e) {
            claimed.forEach(allocator::release);
            sockets.freeze(channel); // closing it sends nothing: the peer may yet find another owner
            channel.unsafe().closeForcibly();
            throw e;
        }
        connection.resume(control);
        connections.put(id, connection);
        tally.add(connection.replication().unit());
        ControlListener.adopt(channel, c -> engineSide(id, connection), context.counters(), engine.log());
        Throwable notRegistered = engine.loop().register(channel).cause(); // done: we are on the loop
        if (notRegistered != null) {
            if (connections.remove(id, connection)) {
                tally.remove(connection.replication().unit());
            }
            connection.handOver(sockets); // gone as quietly as a connection given up
            throw new IllegalStateException("the restored TCP connection cannot join the engine loop",
                    notRegistered);
        }
        for (PptpCall call : replica.calls()) {
            resumeOrClear(connection, control, call, replica.sessions().get(call.callId()));
        }
        connection.replication().exchanged(control);
    }

    private void resumeOrClear(PptpConnection connection, ControlConnection control, PptpCall call,
                               ReplicatedConnection.Session session) {
        String problem;
        if (session == null) {
            problem = "no complete session state (PPP was still negotiating)";
        } else {
            try {
                problem = wiring.resumeCall(connection, call, session) ? null
                        : "its address is not this pool's or in use";
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            String why = problem;
            context.counters().counter("pptp.takeover.calls_cleared").increment();
            LOG.warning(() -> "PPTP call " + call.callId() + " with " + connection.peerAddress().getHostAddress()
                    + " not taken over: " + why);
            control.clearCall(call.callId(), CallDisconnectResult.LOST_CARRIER, "not taken over: " + why);
        }
    }

    /**
     * On the engine thread: the connections of {@code units} are another member's now; each is
     * dropped without a word to its peer ({@link PptpConnection#handOver}).
     */
    void handOver(Set<WorkUnit> units) {
        for (Map.Entry<Integer, PptpConnection> e : List.copyOf(connections.entrySet())) {
            PptpConnection c = e.getValue();
            if (units.contains(c.replication().unit())) {
                c.handOver(sockets);
                if (connections.remove(e.getKey(), c)) {
                    tally.remove(c.replication().unit());
                }
            }
        }
        // After the last put for these units: the new owner publishes them anew.
        context.cluster().publisher().forget(units);
    }

    /** On the engine thread: a new TCP connection, refused beyond {@code [pptp] max-connections}. */
    private ControlListener.Connection accept(Channel channel) {
        if (stopping || connections.size() >= context.config().pptp().maxConnections()
                || !(channel.remoteAddress() instanceof InetSocketAddress peer
                        && peer.getAddress() instanceof Inet4Address)) {
            return null;
        }
        int id = nextConnectionId();
        PptpConnection connection = newConnection(channel, peer, id);
        connections.put(id, connection);
        tally.add(connection.replication().unit());
        connection.start(new ControlConnection(settings, engine.scheduler(), callIdsFor(peer),
                capacity.forPeer(peer.getAddress()), connection,
                context.counters(), engine.log(), String.valueOf(channel.remoteAddress())));
        return engineSide(id, connection);
    }

    /** What the channel's handler calls on the engine thread for {@code connection}. */
    private ControlListener.Connection engineSide(int id, PptpConnection connection) {
        return new ControlListener.Connection() {
            @Override
            public void receive(ByteBuffer chunk) {
                connection.receive(chunk);
            }

            @Override
            public void closed(String reason) {
                connection.transportClosed(reason);
                if (connections.remove(id, connection)) {
                    tally.remove(connection.replication().unit());
                }
            }
        };
    }

    private int nextConnectionId() {
        do {
            lastConnectionId = lastConnectionId == Integer.MAX_VALUE ? 1 : lastConnectionId + 1;
        } while (connections.containsKey(lastConnectionId));
        return lastConnectionId;
    }

    @Override
    public void stop() {
        stopping = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        try {
            if (wiring != null) {
                engine.onEngine(() -> {
                    sweep.cancel();
                    for (PptpConnection c : List.copyOf(connections.values())) {
                        c.shutdown("server shutting down");
                        c.transportClosed("server shutting down");
                    }
                    connections.values().forEach(c -> tally.remove(c.replication().unit()));
                    connections.clear();
                    wiring.closeAll("server shutting down");
                });
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not clear the PPTP calls before stopping", e);
        }
        release();
    }

    private void failIfRunning(String what) {
        if (!stopping) {
            engine.fail(what);
        }
    }

    /** Closes whatever was opened, in reverse order; safe after a partial start. */
    private void release() {
        stopping = true;
        if (listener != null) {
            listener.close();
        }
        if (gre != null) {
            gre.close();
        }
        if (ownsEngine && engine != null) {
            engine.close();
        }
    }
}
