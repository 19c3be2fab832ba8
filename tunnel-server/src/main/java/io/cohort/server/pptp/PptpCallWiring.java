package io.cohort.server.pptp;

import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.TunnelEntry;
import io.cohort.server.sessions.ForeignAddressRoutes;
import io.cohort.server.sessions.PppSession;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * PPTP calls ⇄ PPP on the engine thread: every call that comes up ({@code callUp}) gets a
 * {@link GreChannel} built from its set-up values and a server-role {@link PppLink}; GRE packets
 * are demultiplexed by source address and the Call ID in their key; whichever side goes down first
 * takes the other down (a dead PPP link clears its call with Call-Disconnect-Notify, a cleared
 * call closes its link). Session rows of the {@link SessionRegistry} are kept here.
 *
 * <p>Bad GRE input is dropped and counted: {@code pptp.gre.rx.malformed.<error>} (logged at a
 * limited rate) and {@code pptp.gre.rx.unknown_call} (no call with that key from that address:
 * a stale, spoofed or misdirected packet; it never reaches another call), then handed to the
 * {@link UnknownCallListener} (the runtime answers where the call's state is nowhere: {@link UnknownGreCalls}).
 */
final class PptpCallWiring implements PppSession.Owner<GreCall> {
    private static final Logger LOG = Logger.getLogger(PptpCallWiring.class.getName());

    private final SessionRegistry registry;
    private final Ipv4Pool pool;
    private final PppLinkConfig pppConfig;
    private final GreChannelSettings greSettings;
    private final Scheduler scheduler;
    private final Executor engine;
    private final Ipv4Dispatcher dispatcher;
    private final GreSender gre;
    private final ForeignAddressRoutes<Object> foreignRoutes;
    private final Counters counters;
    private final RateLimitedLog log;
    /**
     * How far a resumed link's MPPE coherency count is moved ahead (RFC 3078 8: the peer takes a
     * gap for lost packets): the counts are replicated every {@link PptpRuntime#SWEEP_INTERVAL},
     * so this covers 1024 packets sent per interval; at most 2047, half the count space.
     */
    static final int MPPE_TAKEOVER_JUMP = 1024;
    /** Live calls by {@link GreCall#demuxKey()}. */
    private final Map<Long, GreCall> calls = new HashMap<>();
    /** Links whose call is gone but whose LCP is still terminating. */
    private final List<PppSession<GreCall>> closing = new ArrayList<>();
    private final Counter unknownCall;
    private final Counter unrouted;

    /** What becomes of GRE for a Call ID no call here has, once counted. */
    @FunctionalInterface
    interface UnknownCallListener {
        void unknownCall(Inet4Address source, int callId);
    }

    private final UnknownCallListener unknownCallListener;

    /** Wiring that only counts GRE for unknown calls (tests of everything else). */
    PptpCallWiring(SessionRegistry registry, Ipv4Pool pool, PppLinkConfig pppConfig, GreChannelSettings greSettings,
                   Scheduler scheduler, Executor engine, Ipv4Dispatcher dispatcher, GreSender gre, ForeignAddressRoutes<Object> foreignRoutes,
                   Counters counters, RateLimitedLog log) {
        this(registry, pool, pppConfig, greSettings, scheduler, engine, dispatcher, gre, foreignRoutes, counters, log,
                (source, callId) -> { });
    }

    PptpCallWiring(SessionRegistry registry, Ipv4Pool pool, PppLinkConfig pppConfig, GreChannelSettings greSettings,
                   Scheduler scheduler, Executor engine, Ipv4Dispatcher dispatcher, GreSender gre, ForeignAddressRoutes<Object> foreignRoutes,
                   Counters counters, RateLimitedLog log, UnknownCallListener unknownCallListener) {
        this.unknownCallListener = Objects.requireNonNull(unknownCallListener);
        this.registry = Objects.requireNonNull(registry);
        this.pool = Objects.requireNonNull(pool);
        this.pppConfig = Objects.requireNonNull(pppConfig);
        this.greSettings = Objects.requireNonNull(greSettings);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.engine = Objects.requireNonNull(engine);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.gre = Objects.requireNonNull(gre);
        this.foreignRoutes = Objects.requireNonNull(foreignRoutes);
        this.counters = counters;
        this.log = log;
        this.unknownCall = counters.counter("pptp.gre.rx.unknown_call");
        this.unrouted = counters.counter("session.rx.packets.dropped.unrouted");
    }

    int callCount() {
        return calls.size();
    }

    /** Links whose call is gone and whose LCP is still terminating. */
    int closingCount() {
        return closing.size();
    }

    /** The control connection {@code connection} answered an Outgoing-Call-Request with Connected. */
    void callUp(PptpConnection connection, PptpCall call) {
        SessionKey key = new SessionKey(connection.tunnelKey(), call.callId());
        TunnelEntry tunnelRow = registry.tunnel(key.tunnel()).orElseThrow(
                () -> new IllegalStateException("call " + key + " up on a control connection that never came up"));
        SessionEntry row = registry.addSession(key, call.peerCallId());
        GreCall c = new GreCall(connection, call, connection.peerAddress(), key, gre);
        GreChannel channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                call.receiveWindow(), greSettings, GreSequenceState.INITIAL, scheduler, c, counters);
        PppSession<GreCall> session = new PppSession<>(c, row, tunnelRow.traffic(), dispatcher, this);
        c.attach(channel, session);
        GreCall previous = calls.put(c.demuxKey(), c);
        if (previous != null) {
            throw new IllegalStateException("Call ID " + call.callId() + " allocated twice for "
                    + connection.peerAddress().getHostAddress());
        }
        LOG.info(() -> "PPTP " + c + " up (serial " + call.callSerialNumber() + ", peer window "
                + call.peerReceiveWindow() + ")");
        connection.replication().callUp(c);
        session.open(new PppLink(pppConfig, scheduler, engine, session));
    }

    /**
     * Carries on a call another member published (patent, figure 7) on the rebuilt
     * {@code connection}: its GRE channel rebuilt with the sequence numbers a safe jump ahead
     * (RFC 2637 4.3), its PPP link resumed with the MPPE coherency count a jump ahead (RFC 3078
     * 8), up and routed at once, its address claimed in the pool; nothing is sent. Returns false,
     * having changed nothing, if the address is not this pool's to give or already in use.
     *
     * @throws IllegalArgumentException, having changed nothing, if the PPP records do not fit this
     *                                  server's PPP configuration (e.g. MPPE required here, not there)
     */
    boolean resumeCall(PptpConnection connection, PptpCall call, ReplicatedConnection.Session replica) {
        Inet4Address address = replica.pppInitial().ipcp().peerAddress();
        String user = replica.pppInitial().user().orElse("");
        boolean fromPool = replica.pppInitial().ipcp().peerAddressFromPool();
        if (fromPool && !pool.claim(address, user)) {
            return false;
        }
        if (fromPool && !foreignRoutes.route(address)) {
            pool.release(address);
            return false;
        }
        SessionKey key = new SessionKey(connection.tunnelKey(), call.callId());
        TunnelEntry tunnelRow = registry.tunnel(key.tunnel()).orElseThrow(
                () -> new IllegalStateException("call " + key + " resumed on a control connection not listed"));
        SessionEntry row = registry.addSession(key, call.peerCallId());
        GreCall c = new GreCall(connection, call, connection.peerAddress(), key, gre);
        PppSession<GreCall> session = new PppSession<>(c, row, tunnelRow.traffic(), dispatcher, this);
        PppLink link;
        try {
            link = PppLink.resume(pppConfig, scheduler, engine, session, replica.pppInitial(), replica.pppEssential());
        } catch (IllegalArgumentException recordsDoNotFit) {
            registry.removeSession(key);
            if (fromPool) {
                foreignRoutes.unroute(address);
                pool.release(address);
            }
            throw recordsDoNotFit;
        }
        link.jumpMppeCountsAhead(MPPE_TAKEOVER_JUMP);
        GreChannel channel = GreChannel.rebuild(replica.greInitial(),
                replica.greEssential().jumpedForward(GreSequenceState.TAKEOVER_JUMP), greSettings, scheduler, c,
                counters);
        c.attach(channel, session);
        session.resume(link);
        foreignRoutes.resumed(session, address, replica.pppInitial().ipcp().ourAddress());
        calls.put(c.demuxKey(), c);
        connection.replication().callUp(c);
        c.markPublishedUp(connection.replication().linkUp(c));
        LOG.info(() -> "PPTP " + c + " taken over");
        return true;
    }

    /** The lazily replicated counters of every call, where they moved (patent, figure 7). */
    void sweep() {
        for (GreCall c : calls.values()) {
            c.connection().replication().sweep(c);
        }
    }

    /** The control connection ended the call (CCRQ, CDN, closing): close its link. Idempotent. */
    void callDown(PptpConnection connection, PptpCall call, String reason) {
        GreCall c = calls.get(GreCall.demuxKey(connection.peerAddress(), call.callId()));
        if (c == null || c.connection() != connection) {
            return;
        }
        calls.remove(c.demuxKey());
        c.channel().close();
        registry.removeSession(c.key());
        connection.replication().callGone(call.callId());
        closing.add(c.session());
        c.session().lowerLayerDown(reason);
        LOG.info(() -> "PPTP " + c + " down: " + reason);
    }

    /** One GRE datagram (without its IPv4 header) from {@code source}. */
    void receive(Inet4Address source, ByteBuffer datagram) {
        switch (GreCodec.decode(datagram)) {
            case DecodeResult.Malformed<GrePacket, GreDecodeError> bad -> {
                counters.counter("pptp.gre.rx.malformed." + bad.error().name().toLowerCase(Locale.ROOT)).increment();
                log.log(Level.DEBUG, "pptp.gre.rx.malformed", "GRE from %s dropped: %s (%s)",
                        source.getHostAddress(), bad.error(), bad.detail());
            }
            case DecodeResult.Decoded<GrePacket, GreDecodeError> ok -> {
                GreCall c = calls.get(GreCall.demuxKey(source, ok.value().header().callId()));
                if (c == null) {
                    unknownCall.increment();
                    unknownCallListener.unknownCall(source, ok.value().header().callId());
                    return;
                }
                c.channel().receive(ok.value());
            }
        }
    }

    /** Gives back every address still held by a link (the engine stops; no call survives it). */
    void closeAll(String reason) {
        for (GreCall c : List.copyOf(calls.values())) {
            callDown(c.connection(), c.call(), reason);
        }
        closing.forEach(s -> s.assignedAddress().ifPresent(pool::release));
        closing.clear();
    }

    @Override
    public boolean sendFrame(GreCall call, ByteBuffer frame) {
        // A link still terminating after its call was cleared has nobody to talk to.
        return calls.get(call.demuxKey()) == call && call.channel().send(frame);
    }

    @Override
    public void linkDown(PppSession<GreCall> session, String reason) {
        closing.remove(session);
        foreignRoutes.linkDown(session);
        GreCall c = session.handle();
        if (calls.remove(c.demuxKey(), c)) {
            c.channel().close();
            registry.removeSession(c.key());
            c.connection().replication().callGone(c.call().callId());
            c.connection().clearCall(c.call().callId(), CallDisconnectResult.ADMIN_SHUTDOWN, reason);
            LOG.info(() -> "PPTP " + c + " down: " + reason);
        }
    }

    @Override
    public void unrouted() {
        unrouted.increment();
    }
}
