package io.cohort.client;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The in-repo L2TP client: a LAC ({@link L2tpNode} that only opens tunnels) with one client-role
 * PPP link per session, on one UDP socket and one engine thread ({@link UdpEventLoop}). Every
 * engine call hops onto that thread; the public methods block the caller, never the engine.
 *
 * <p>A tunnel is closed (StopCCN) once its last session is gone.
 */
public final class L2tpClient implements AutoCloseable {
    private static final String HOST_NAME = "cohort-client";
    private static final int MRU = 1400;
    private static final Duration ECHO_INTERVAL = Duration.ofSeconds(30);
    private static final int PPP_IPV4 = 0x0021;

    private final ClientOptions options;
    private final Counters counters = new Counters();
    private final UdpEventLoop loop;
    private final L2tpNode node;
    private final PppLinkConfig pppConfig;
    // engine thread only
    private final Map<SessionHandle, TunnelledSession> sessions = new HashMap<>();
    private final Map<TunnelHandle, List<TunnelledSession>> byTunnel = new HashMap<>();

    private L2tpClient(ClientOptions options, int localPort) throws IOException {
        this.options = options;
        this.loop = UdpEventLoop.bind(new InetSocketAddress(localPort), "l2tp-client", this::onDatagram);
        SecureRandom random = new SecureRandom();
        TunnelSettings tunnel = TunnelSettings.defaults(HOST_NAME);
        if (options.tunnelSecret().isPresent()) {
            tunnel = tunnel.withSecret(HidingSecret.of(options.tunnelSecret().get()), options.hideAvps());
        }
        this.node = new L2tpNode(L2tpConfig.lac(HOST_NAME).withTunnel(tunnel), loop.scheduler(), new Events(),
                counters, random, null, null);
        this.pppConfig = new PppLinkConfig(Role.CLIENT, HOST_NAME, options.authMethods(), Optional.empty(),
                Optional.of(new Credentials(options.user(), options.password())), Optional.empty(),
                IpcpSettings.client(false), false, MRU, ECHO_INTERVAL, 3, RestartPolicy.RFC_DEFAULTS, random,
                counters, RateLimitedLog.standard(System.getLogger(L2tpClient.class.getName()), loop.scheduler()));
    }

    /** Binds one UDP socket (ephemeral port) and starts the engine thread. */
    public static L2tpClient open(ClientOptions options) throws IOException {
        return new L2tpClient(options, 0);
    }

    /**
     * As {@link #open(ClientOptions)} with the socket bound to {@code localPort}: a cluster
     * classifies a new tunnel by its source address and port, so a chosen port reaches a chosen
     * work unit.
     */
    public static L2tpClient open(ClientOptions options, int localPort) throws IOException {
        if (localPort < 1 || localPort > 0xFFFF) {
            throw new IllegalArgumentException("local port " + localPort + " is not 1..65535");
        }
        return new L2tpClient(options, localPort);
    }

    /** One new tunnel with one session; returns when IPCP is up. */
    public ClientSession connect() throws IOException, TimeoutException {
        return connect(1, 1).getFirst();
    }

    /**
     * {@code sessions} sessions over ceil(sessions / sessionsPerTunnel) new tunnels, all set up at
     * once. All or nothing: if one fails or the setup timeout (for the whole batch) passes, every
     * session of the batch is closed and the first failure is thrown.
     */
    public List<ClientSession> connect(int sessions, int sessionsPerTunnel) throws IOException, TimeoutException {
        if (sessions < 1 || sessionsPerTunnel < 1) {
            throw new IllegalArgumentException("sessions and sessionsPerTunnel must be positive");
        }
        long deadline = System.nanoTime() + options.setupTimeout().toNanos();
        List<TunnelledSession> batch = onEngine(() -> placeCalls(sessions, sessionsPerTunnel));
        List<ClientSession> up = new ArrayList<>(sessions);
        try {
            for (TunnelledSession s : batch) {
                up.add(s.up().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return up;
        } catch (ExecutionException e) {
            abort(batch, "setup of the batch failed");
            throw e.getCause() instanceof IOException io ? new SessionSetupException(io.getMessage())
                    : new IOException(e.getCause());
        } catch (TimeoutException e) {
            abort(batch, "setup timed out");
            throw new TimeoutException(up.size() + " of " + sessions + " sessions up after "
                    + options.setupTimeout().toMillis() + " ms (server " + options.server() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(batch, "interrupted");
            throw new IOException("interrupted while connecting", e);
        }
    }

    /** The client's L2TP and PPP counters. */
    public Counters counters() {
        return counters;
    }

    public InetSocketAddress localAddress() {
        return loop.localAddress();
    }

    /**
     * For load generators that pre-encode their traffic: the UDP payload that {@code session}'s
     * {@link ClientSession#sendIpv4} sends for {@code ipv4} (L2TP data header without sequence
     * numbers, uncompressed PPP header {@code FF 03 00 21}, the packet), to replay with
     * {@link #sendDatagram}. Bypasses the PPP link's counters.
     */
    public ByteBuffer dataDatagram(ClientSession session, ByteBuffer ipv4) throws IOException {
        TunnelledSession s = (TunnelledSession) session;
        ByteBuffer frame = PppFrameCodec.encode(PPP_IPV4, ipv4, true, false);
        return onEngine(() -> L2tpCodec.encodeData(s.tunnel().peerTunnelId(), s.handle().peerSessionId(), frame,
                false, 0, 0, false, 0));
    }

    /** Sends one ready-made datagram (position to limit) from this client's socket to the server; any thread. */
    public void sendDatagram(ByteBuffer datagram) {
        loop.send(options.server(), datagram);
    }

    /** Closes every session (PPP terminate + CDN), then the tunnels, the socket and the thread. */
    @Override
    public void close() {
        List<TunnelledSession> all;
        try {
            all = onEngine(() -> List.copyOf(sessions.values()));
        } catch (IOException e) {
            return; // already closed
        }
        loop.engine().execute(() -> all.forEach(TunnelledSession::startClosing));
        CompletableFuture<?>[] downs = all.stream().map(TunnelledSession::down).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(downs).get(3, TimeUnit.SECONDS);
            onEngine(() -> {
                byTunnel.keySet().forEach(t -> node.closeTunnel(t, "client closing"));
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IOException e) {
            // sessions that did not finish in time are cleared by the peer's own timers
        }
        loop.close();
    }

    private List<TunnelledSession> placeCalls(int count, int perTunnel) {
        List<TunnelledSession> batch = new ArrayList<>(count);
        for (int placed = 0; placed < count; ) {
            TunnelHandle t = node.openTunnel(options.server());
            List<TunnelledSession> onTunnel = byTunnel.computeIfAbsent(t, k -> new ArrayList<>());
            for (int j = 0; j < perTunnel && placed < count; j++, placed++) {
                SessionHandle h = node.placeCall(t).orElseThrow(() -> new IllegalStateException("call refused"));
                TunnelledSession s = new TunnelledSession(node, loop.engine(), loop.scheduler(), t, h, pppConfig,
                        options.user());
                sessions.put(h, s);
                onTunnel.add(s);
                batch.add(s);
            }
        }
        return batch;
    }

    private void abort(List<TunnelledSession> batch, String reason) {
        try {
            loop.engine().execute(() -> batch.forEach(s -> s.abort(reason)));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing left to abort
        }
    }

    private void onDatagram(InetSocketAddress peer, ByteBuffer datagram) {
        node.receive(peer, datagram);
    }

    private <T> T onEngine(java.util.concurrent.Callable<T> task) throws IOException {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, loop.engine()).get(options.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException("client is closed", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("engine thread did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void released(TunnelledSession s, SessionHandle h) {
        sessions.remove(h);
        List<TunnelledSession> onTunnel = byTunnel.get(s.tunnel());
        if (onTunnel != null && onTunnel.remove(s) && onTunnel.isEmpty()) {
            byTunnel.remove(s.tunnel());
            node.closeTunnel(s.tunnel(), "last session closed");
        }
    }

    /** The LAC node's events, on the engine thread. */
    private final class Events implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { loop.send(peer, datagram); }
        @Override public void tunnelUp(TunnelHandle tunnel) { }

        @Override
        public void tunnelDown(TunnelHandle tunnel, String reason) {
            List<TunnelledSession> onTunnel = byTunnel.remove(tunnel);
            if (onTunnel != null) {
                for (TunnelledSession s : List.copyOf(onTunnel)) {
                    s.l2tpDown("tunnel down: " + reason);
                }
            }
        }

        @Override
        public void sessionUp(SessionHandle session) {
            TunnelledSession s = sessions.get(session);
            if (s != null) {
                s.l2tpUp();
            }
        }

        @Override
        public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
            TunnelledSession s = sessions.get(session);
            if (s != null) {
                s.l2tpData(pppFrame);
            }
        }

        @Override
        public void sessionDown(SessionHandle session, String reason) {
            TunnelledSession s = sessions.get(session);
            if (s != null) {
                released(s, session);
                s.l2tpDown(reason);
            }
        }
    }
}
