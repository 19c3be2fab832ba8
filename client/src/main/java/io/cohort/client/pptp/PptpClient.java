package io.cohort.client.pptp;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.EngineThread;
import io.cohort.client.SessionSetupException;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.ClientControlConnection;
import io.cohort.pptp.control.ClientControlEvents;
import io.cohort.pptp.control.ClientControlSettings;
import io.cohort.pptp.control.ClientControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

/**
 * The in-repo PPTP client, the PNS of RFC 2637 placing outgoing calls on a remote-access server:
 * one TCP control connection ({@link ClientControlConnection}, opened on the first
 * {@link #connect} and again after it ends), one {@link GreTransport} for the data of all its
 * calls (demultiplexed by the Call ID in the GRE key), and per call a client-role PPP link with
 * MS-CHAPv2 and MPPE-128 required ({@link EncryptionPolicy#MPPE_128_REQUIRED}). Everything that
 * touches an engine runs on one {@link EngineThread}; the public methods block the caller, never
 * the engine.
 *
 * <p>{@link ClientOptions#server()} is the server's TCP address (port {@value #PORT}); GRE goes to
 * the same host. Tunnel secrets and AVP hiding are L2TP's and are refused here.
 */
public final class PptpClient implements AutoCloseable {
    public static final int PORT = 1723;
    static final int PPP_IPV4 = 0x0021;
    private static final String HOST_NAME = "cohort-client";
    private static final int MRU = 1400;
    private static final Duration ECHO_INTERVAL = Duration.ofSeconds(30);

    private final ClientOptions options;
    private final Counters counters = new Counters();
    private final EngineThread engine = EngineThread.start("pptp-client");
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger(PptpClient.class.getName()),
            engine.scheduler());
    private final RandomCallIdAllocator callIds;
    private final PppLinkConfig pppConfig;
    private final GreTransport gre;
    private final GreChannelSettings greSettings;
    // engine thread only
    private final Map<Integer, PptpSession> sessions = new HashMap<>();
    /** Written on the engine thread; read by {@link #close} after the engine has stopped. */
    private volatile ControlLink control;

    /** The control connection and its TCP socket. */
    private record ControlLink(ClientControlConnection connection, TcpControlChannel tcp,
                               CompletableFuture<Void> established, CompletableFuture<String> closed) {
    }

    private PptpClient(ClientOptions options, Optional<GreTransport.Factory> greFactory, GreChannelSettings greSettings,
                       IntPredicate callIds) throws IOException {
        if (options.tunnelSecret().isPresent() || options.hideAvps()) {
            throw new IllegalArgumentException("tunnel secrets and AVP hiding are L2TP's; PPTP has neither");
        }
        this.options = options;
        this.greSettings = greSettings;
        SecureRandom random = new SecureRandom();
        this.callIds = new RandomCallIdAllocator(random, callIds);
        // MPPE keys come from MS-CHAPv2 (RFC 3079), so it is the only method offered.
        this.pppConfig = new PppLinkConfig(Role.CLIENT, HOST_NAME, List.of(AuthMethod.MSCHAP_V2), Optional.empty(),
                Optional.of(new Credentials(options.user(), options.password())), Optional.empty(),
                IpcpSettings.client(false), false, MRU, ECHO_INTERVAL, 3, RestartPolicy.RFC_DEFAULTS, random,
                counters, log, EncryptionPolicy.MPPE_128_REQUIRED);
        try {
            this.gre = greFactory.orElseGet(() -> RawGreTransport.factory(counters))
                    .open(options.server().getAddress(), this::onGrePacket);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Starts the engine thread and opens a raw GRE socket (needs root or CAP_NET_RAW); the TCP
     * connection waits for {@link #connect}.
     */
    public static PptpClient open(ClientOptions options) throws IOException {
        return new PptpClient(options, Optional.empty(), GreChannelSettings.DEFAULTS, id -> true);
    }

    /**
     * For load generators running several clients on one host: GRE over {@code gre}, other GRE
     * channel settings (a generator passes {@code enforcePeerWindow = false} so that it measures
     * the server, not RFC 2637 4.2's transmit window) and only the Call IDs {@code callIds}
     * accepts. The server's GRE packets carry nothing but our Call ID, so clients sharing an
     * address must assign disjoint sets of IDs, or one call receives another's packets.
     */
    public static PptpClient open(ClientOptions options, GreTransport.Factory gre, GreChannelSettings settings,
                                  IntPredicate callIds) throws IOException {
        return new PptpClient(options, Optional.of(gre), settings, callIds);
    }

    /** As {@link #open(ClientOptions)}, with GRE over {@code gre} instead of a raw socket (tests, simulations). */
    public static PptpClient open(ClientOptions options, GreTransport.Factory gre) throws IOException {
        return new PptpClient(options, Optional.of(gre), GreChannelSettings.DEFAULTS, id -> true);
    }

    /**
     * One new call (Outgoing-Call-Request) on the control connection, opening and starting that
     * first if needed; returns when IPCP is up behind MPPE. The options' set-up timeout covers it all.
     *
     * @throws SessionSetupException the server refused (the message says why: a Start or
     *                               Outgoing-Call-Reply result, MS-CHAPv2 failure, MPPE not agreed)
     * @throws TimeoutException      nothing definite within the set-up timeout
     */
    public ClientSession connect() throws IOException, TimeoutException {
        return connect(1).getFirst();
    }

    /**
     * {@code calls} new calls placed at once on the control connection (opened first if needed),
     * for load generators; returns when IPCP is up behind MPPE on every one. All or nothing: if one
     * fails or the set-up timeout (for the whole batch) passes, every call of the batch is closed
     * and the first failure is thrown. The server's {@code max-calls-per-connection} bounds
     * {@code calls}.
     */
    public List<ClientSession> connect(int calls) throws IOException, TimeoutException {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be positive");
        }
        long deadline = System.nanoTime() + options.setupTimeout().toNanos();
        ControlLink link = establishedControl(deadline);
        List<PptpSession> batch = engine.call(() -> {
            List<PptpSession> placed = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                placed.add(placeCall(link));
            }
            return placed;
        }, options.setupTimeout());
        List<ClientSession> up = new ArrayList<>(calls);
        try {
            for (PptpSession s : batch) {
                up.add(s.up().get(remaining(deadline), TimeUnit.NANOSECONDS));
            }
            return up;
        } catch (ExecutionException e) {
            abort(batch);
            throw e.getCause() instanceof IOException io ? new SessionSetupException(io.getMessage())
                    : new IOException(e.getCause());
        } catch (TimeoutException e) {
            abort(batch);
            throw new TimeoutException((calls == 1 ? "PPTP call" : up.size() + " of " + calls + " PPTP calls")
                    + " not up after " + options.setupTimeout().toMillis() + " ms (server " + options.server() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(batch);
            throw new IOException("interrupted while connecting", e);
        }
    }

    /**
     * For load generators: sends {@code packets.get(i)} on {@code sessions.get(i)} (sessions of this
     * client) for every i, on the engine thread, and returns once all went through the PPP link
     * (MPPE, GRE and the socket), without copying the packets first. The number the links took
     * (not those refused before IPCP and MPPE are up, or by a full GRE window).
     */
    public int sendIpv4(List<ClientSession> sessions, List<ByteBuffer> packets) throws IOException {
        if (sessions.size() != packets.size()) {
            throw new IllegalArgumentException("one session per packet");
        }
        return engine.call(() -> {
            int sent = 0;
            for (int i = 0; i < sessions.size(); i++) {
                if (((PptpSession) sessions.get(i)).sendIpv4OnEngine(packets.get(i))) {
                    sent++;
                }
            }
            return sent;
        }, options.setupTimeout());
    }

    private void abort(List<PptpSession> batch) {
        engine.executor().execute(() -> batch.forEach(PptpSession::startClosing));
    }

    /** The client's PPTP, GRE and PPP counters. */
    public Counters counters() {
        return counters;
    }

    /** Closes every session (PPP terminate, Call-Clear-Request), stops the control connection, then the sockets. */
    @Override
    public void close() {
        List<PptpSession> all;
        try {
            all = engine.call(() -> List.copyOf(sessions.values()), Duration.ofSeconds(2));
        } catch (IOException e) {
            return; // already closed
        }
        engine.executor().execute(() -> all.forEach(PptpSession::startClosing));
        try {
            CompletableFuture.allOf(all.stream().map(PptpSession::down).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
            ControlLink c = engine.call(() -> {
                if (control != null) {
                    control.connection().shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "client closing");
                }
                return control;
            }, Duration.ofSeconds(2));
            if (c != null) {
                c.closed().get(2, TimeUnit.SECONDS); // the Stop-Control-Connection-Reply, or its timeout
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IOException e) {
            // calls that did not finish in time are cleared by the server when TCP closes
        }
        engine.close();
        gre.close();
        ControlLink c = control;
        if (c != null) {
            c.tcp().close();
        }
    }

    private ControlLink establishedControl(long deadline) throws IOException, TimeoutException {
        ControlLink link;
        synchronized (this) {
            link = engine.call(() -> control != null && control.connection().state() != ClientControlState.CLOSED
                    ? control : null, options.setupTimeout());
            if (link == null) {
                TcpControlChannel tcp = TcpControlChannel.connect(options.server(), Duration.ofNanos(remaining(deadline)));
                link = engine.call(() -> startControl(tcp), options.setupTimeout());
            }
        }
        try {
            link.established().get(remaining(deadline), TimeUnit.NANOSECONDS);
            return link;
        } catch (ExecutionException e) {
            throw new SessionSetupException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new TimeoutException("PPTP control connection not established after "
                    + options.setupTimeout().toMillis() + " ms (server " + options.server() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
    }

    /** Engine thread: a control connection on a fresh TCP connection, its Start-Control-Connection-Request sent. */
    private ControlLink startControl(TcpControlChannel tcp) {
        CompletableFuture<Void> established = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        ClientControlConnection connection = new ClientControlConnection(
                ClientControlSettings.DEFAULTS.withReplyTimeout(options.setupTimeout()), engine.scheduler(), callIds,
                new ControlEvents(tcp, established, closed), counters, log, options.server().toString());
        ControlLink link = new ControlLink(connection, tcp, established, closed);
        control = link;
        tcp.startReading("pptp-client", chunk -> onEngine(() -> connection.receive(chunk)),
                reason -> onEngine(() -> connection.transportClosed(reason)));
        connection.start();
        return link;
    }

    /** Engine thread. */
    private PptpSession placeCall(ControlLink link) throws SessionSetupException {
        if (link.connection().state() != ClientControlState.ESTABLISHED) {
            throw new SessionSetupException("control connection ended before the call was placed");
        }
        OptionalInt callId = link.connection().placeCall();
        if (callId.isEmpty()) {
            throw new SessionSetupException("no free Call ID");
        }
        PptpSession s = new PptpSession(callId.getAsInt(), link.connection(), gre::send, engine.executor(),
                engine.scheduler(), pppConfig, greSettings, counters, options.user());
        sessions.put(s.callId(), s);
        return s;
    }

    /** Any thread: a GRE packet from the server, to the call its key names. */
    private void onGrePacket(ByteBuffer packet) {
        onEngine(() -> {
            switch (GreCodec.decode(packet)) {
                case DecodeResult.Decoded<GrePacket, GreDecodeError> d -> {
                    PptpSession s = sessions.get(d.value().header().callId());
                    if (s == null) {
                        counters.counter("pptp.client.gre.rx.unknown_call").increment();
                    } else {
                        s.greReceived(d.value());
                    }
                }
                case DecodeResult.Malformed<GrePacket, GreDecodeError> m -> counters.counter("pptp.client.gre.rx.malformed."
                        + m.error().name().toLowerCase(Locale.ROOT)).increment();
            }
        });
    }

    private void onEngine(Runnable task) {
        try {
            engine.executor().execute(task);
        } catch (RejectedExecutionException e) {
            counters.counter("pptp.client.rx.after_close").increment();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** The control connection's events, on the engine thread. */
    private final class ControlEvents implements ClientControlEvents {
        private final TcpControlChannel tcp;
        private final CompletableFuture<Void> established;
        private final CompletableFuture<String> closed;

        ControlEvents(TcpControlChannel tcp, CompletableFuture<Void> established, CompletableFuture<String> closed) {
            this.tcp = tcp;
            this.established = established;
            this.closed = closed;
        }

        @Override public void send(ControlMessage message) {
            tcp.write(PptpCodec.encode(message));
        }

        @Override public void established(ControlMessage.StartControlConnectionReply reply) {
            established.complete(null);
        }

        @Override public void callUp(PptpCall call) {
            PptpSession s = sessions.get(call.callId());
            if (s != null) {
                s.callUp(call);
            }
        }

        @Override public void callFailed(int callId, String reason) {
            PptpSession s = sessions.remove(callId);
            if (s != null) {
                s.callFailed(reason);
            }
        }

        @Override public void callDown(PptpCall call, String reason) {
            PptpSession s = sessions.remove(call.callId());
            if (s != null) {
                s.callDown(reason);
            }
        }

        @Override public void closeTransport(String reason) {
            established.completeExceptionally(new SessionSetupException(reason));
            tcp.close();
            closed.complete(reason);
        }
    }
}
