package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.pptp.PptpClient;
import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlStreamFramer;
import io.cohort.pptp.wire.OutgoingCallResult;
import io.cohort.server.registry.SessionStatus;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Privileges;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the live PPTP server ({@link PptpServerFixture}: the production runtime, TUN and all).
 * Three calls are up first: A and B from the in-repo client (MS-CHAPv2, MPPE-128, pinging the
 * gateway) and C from a {@link HandMadePns} that runs no PPP. Then:
 *
 * <ol>
 * <li>Control port: {@code iterations} TCP connections, each sending a script of
 * {@link ControlFuzzScripts} (valid sequences, damaged framing, fields and state order), most
 * ending with FIN and reading until the server closes (everything it sends must decode), some with
 * a reset; every tenth a connection opened and dropped at once; then half messages and a silent
 * established peer, which the set-up and echo timers (3.1.4) must cut off.</li>
 * <li>GRE (protocol 47) from the client namespace: damaged and random packets to Call IDs no call
 * has; well-formed packets with A's Call ID from another address, which must never reach A (the
 * server keys calls by address and Call ID, 4.1); damaged PPP-in-GRE on C, the sacrificial call;
 * and a bounded burst on B, continuing B's own sequence numbers as the server acknowledges them,
 * so that damaged MPPE and PPP frames reach B's link.</li>
 * </ol>
 *
 * <p>A spoofed packet with a live call's address and Call ID is indistinguishable from the peer's
 * own (PPTP has no authentication below PPP), so it may legitimately break that call: B and C may
 * be broken, A must not be. Afterwards: no fatal error and no exception escaped a decoder or
 * handler, the drop counters moved, no call, control connection or address leaked, A still pings,
 * B and C clear cleanly, and a fresh client gets a call that pings.
 *
 * <p>Seeded and repeatable: {@code -Dcohort.fuzz.seed=<n>} (default 0x2637) and
 * {@code -Dcohort.fuzz.iterations=<n>} (control connections; the GRE packets scale with it).
 */
class PptpFuzzIT {
    private static final long SEED = Long.getLong("cohort.fuzz.seed", 0x2637);
    private static final int ITERATIONS = Integer.getInteger("cohort.fuzz.iterations", 1000);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OTHER = "192.0.2.3";
    /** Packets with B's live Call ID, from B's address: enough to reach MPPE, bounded since they may break B. */
    private static final int LIVE_CALL_PACKETS = 64;
    private static final int HALF_MESSAGE_PEERS = 6;
    private static final int SILENT_PEERS = 2;

    /** Held so that its level sticks: a line per fuzz connection would bury the summary. */
    private static final Logger PPTP_LOG = Logger.getLogger("io.cohort.server.pptp");

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @BeforeEach
    void quietPerConnectionLogLines() {
        PPTP_LOG.setLevel(Level.WARNING);
    }

    @AfterEach
    void restoreLogLevel() {
        PPTP_LOG.setLevel(null);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void serverSurvivesDamagedControlAndGreTrafficAndServesAFreshCall() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(SEED);
        Inet4Address gateway = ipv4("10.98.0.1");
        try (EscapedExceptions escaped = EscapedExceptions.install();
             PptpServerFixture f = PptpServerFixture.start(dir)) {
            f.client.addAddress("v-pac", OTHER + "/24");
            PptpClient clientA = null;
            PptpClient clientB = null;
            try {
                clientA = f.client.runInside(() -> PptpClient.open(options()));
                ClientSession a = f.client.runInside(clientA::connect);
                assertThat(a.ping(gateway, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                SessionStatus rowA = f.pptpSessions().getFirst();
                clientB = f.client.runInside(() -> PptpClient.open(options()));
                ClientSession b = f.client.runInside(clientB::connect);
                assertThat(b.ping(gateway, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                SessionStatus rowB = f.pptpSessions().stream().filter(s -> !s.key().equals(rowA.key())).findFirst()
                        .orElseThrow();

                try (HandMadePns c = HandMadePns.connect(f.client);
                     GreSocket gre = GreSocket.open(f, "192.0.2.2");
                     GreSocket other = GreSocket.open(f, OTHER)) {
                    c.send(ControlFuzzScripts.sccrq());
                    c.await(ControlMessage.StartControlConnectionReply.class, WAIT);
                    int cPeerCallId = 1 + random.nextInt(0xFFFE);
                    while (cPeerCallId == rowA.peerId() || cPeerCallId == rowB.peerId()) {
                        cPeerCallId = 1 + random.nextInt(0xFFFE); // the clients would take C's GRE for theirs
                    }
                    c.send(new ControlMessage.OutgoingCallRequest(cPeerCallId, 1, 300, 100_000_000, 3, 3, 16, 0, 0,
                            "", ""));
                    ControlMessage.OutgoingCallReply reply = c.await(ControlMessage.OutgoingCallReply.class, WAIT);
                    assertThat(reply.resultCode()).isEqualTo(OutgoingCallResult.CONNECTED.code());
                    int callC = reply.callId();
                    await("calls A, B and C", () -> f.pptpSessions().size() == 3, WAIT, () -> state(f));
                    Map<String, Long> before = f.counters.snapshot();

                    // 1. The control port.
                    Map<ControlFuzzScripts.Kind, Integer> scripts = f.client.runInside(() -> fuzzControl(random));
                    stallAndBeCutOff(f, random);
                    await("every fuzz connection and its calls gone (A, B, C left)",
                            () -> f.pptpTunnels().size() == 3 && f.pptpSessions().size() == 3
                                    && callsUp(f) == 3, WAIT, () -> state(f));
                    assertThat(f.pptpSessions()).extracting(SessionStatus::key)
                            .as("other connections' calls untouched by the fuzz connections")
                            .contains(rowA.key(), rowB.key());
                    assertThat(c.ended()).isEmpty();
                    long controlMalformed = moved(f, before, "pptp.control.rx.malformed.");
                    assertThat(controlMalformed).as("malformed control messages counted").isPositive();
                    assertThat(moved(f, before, "pptp.control.rx.illegal.")).as("out-of-state messages counted")
                            .isPositive();
                    assertThat(moved(f, before, "pptp.control.setup_timeout")).isGreaterThanOrEqualTo(HALF_MESSAGE_PEERS);
                    assertThat(moved(f, before, "pptp.control.echo_timeout")).isGreaterThanOrEqualTo(SILENT_PEERS);

                    // 2. GRE. B's ping first: the server's answer acknowledges where B's sequence stands.
                    assertThat(b.ping(gateway, 1, Duration.ofSeconds(3)).received()).isEqualTo(1);
                    long unknownBefore = f.counter("pptp.gre.rx.unknown_call");
                    int toOther = fuzzGre(random, gre, other, new LiveCalls(rowA.key().localId(), rowB.key().localId(),
                            rowB.peerId(), callC, cPeerCallId));
                    awaitQuiet(f);

                    assertThat(f.fatal).isEmpty();
                    escaped.assertNone();
                    assertThat(f.counter("pptp.tcp.internal_errors")).isZero();
                    assertThat(f.counter("rawip.rx.consumer-errors")).isZero();
                    long greMalformed = moved(f, before, "pptp.gre.rx.malformed.");
                    assertThat(greMalformed).as("malformed GRE counted").isPositive();
                    assertThat(f.counter("pptp.gre.rx.unknown_call") - unknownBefore)
                            .as("A's Call ID from another address never reaches A").isGreaterThanOrEqualTo(toOther);

                    // A was never targeted: it goes on.
                    assertThat(f.pptpSessions()).extracting(SessionStatus::key).contains(rowA.key());
                    assertThat(a.ping(gateway, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
                    // B may have been broken by its burst (4.3: a packet ahead of the sequence moves it on);
                    // either way it clears cleanly.
                    int bReceived = b.ping(gateway, 3, Duration.ofSeconds(1)).received();
                    clientB.close();
                    clientB = null;
                    await("B gone", () -> f.pptpSessions().stream().noneMatch(s -> s.key().equals(rowB.key())), WAIT,
                            () -> state(f));
                    c.close();
                    await("C gone with its control connection", () -> f.pptpTunnels().size() == 1
                            && f.pptpSessions().size() == 1, WAIT, () -> state(f));

                    try (PptpClient fresh = f.client.runInside(() -> PptpClient.open(options()))) {
                        ClientSession d = f.client.runInside(fresh::connect);
                        assertThat(d.ping(gateway, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
                        d.close();
                    }
                    await("only A left", () -> f.pptpTunnels().size() == 1 && f.pptpSessions().size() == 1
                            && callsUp(f) == 1 && f.pool.used() == 1, WAIT, () -> state(f));
                    assertThat(f.pptpSessions().getFirst().key()).isEqualTo(rowA.key());
                    assertThat(a.ping(gateway, 1, Duration.ofSeconds(3)).received()).isEqualTo(1);

                    System.out.printf("PptpFuzzIT seed=%d iterations=%d: %d control connections %s, %d GRE packets"
                                    + " (%d read by the server; %d on B %s; B answered %d/3 pings afterwards) in %d ms;"
                                    + " moved: %s%n", SEED, ITERATIONS, ITERATIONS, scripts, greSent,
                            moved(f, before, "rawip.rx.packets"), LIVE_CALL_PACKETS, burstOnB, bReceived,
                            Duration.ofNanos(System.nanoTime() - started).toMillis(), movedCounters(f, before));
                }
            } finally {
                if (clientB != null) {
                    clientB.close();
                }
                if (clientA != null) {
                    clientA.close();
                }
            }
            await("every call cleared", () -> f.pptpSessions().isEmpty() && f.pptpTunnels().isEmpty()
                    && f.pool.used() == 0, WAIT, () -> state(f));
            f.stopServer();
            assertThat(f.fatal).isEmpty();
            escaped.assertNone();
        }
    }

    // ---- the control port ----

    /** Runs inside the client namespace: every script on its own connection, one after the other. */
    private static Map<ControlFuzzScripts.Kind, Integer> fuzzControl(Random random) throws IOException {
        ControlFuzzScripts scripts = new ControlFuzzScripts(random);
        Map<ControlFuzzScripts.Kind, Integer> kinds = new EnumMap<>(ControlFuzzScripts.Kind.class);
        for (int i = 0; i < ITERATIONS; i++) {
            if (i % 10 == 9) {
                openAndDrop(random);
            }
            ControlFuzzScripts.Script s = scripts.next();
            kinds.merge(s.kind(), 1, Integer::sum);
            run(s);
        }
        return kinds;
    }

    private static void run(ControlFuzzScripts.Script s) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                for (byte[] chunk : s.chunks()) {
                    out.write(chunk);
                }
            } catch (IOException closedByServer) {
                // Expected: the server closes at the first malformed message, possibly before we finish.
                return;
            }
            if (s.ending() == ControlFuzzScripts.Ending.RESET) {
                socket.setSoLinger(true, 0);
                return;
            }
            socket.shutdownOutput();
            byte[] received = readUntilClosed(socket, WAIT, s);
            ControlStreamFramer framer = new ControlStreamFramer();
            assertThat(framer.feed(ByteBuffer.wrap(received)).failure()).as("what the server sent after %s %s",
                    s.kind(), hex(s)).isEmpty();
        }
    }

    /** Connect, then at once a reset, a close, or a few octets and a reset. */
    private static void openAndDrop(Random random) throws IOException {
        try (Socket socket = connect()) {
            switch (random.nextInt(3)) {
                case 0 -> socket.setSoLinger(true, 0);
                case 1 -> { }
                default -> {
                    socket.getOutputStream().write(ControlFuzzScripts.bytes(ControlFuzzScripts.sccrq()), 0,
                            1 + random.nextInt(155));
                    socket.setSoLinger(true, 0);
                }
            }
        }
    }

    /**
     * Half messages and established peers that never answer an Echo-Request, all at once: the
     * set-up timer (2 s here) and the echo timer (twice 2 s) must close every one.
     */
    private static void stallAndBeCutOff(PptpServerFixture f, Random random) throws IOException {
        ControlFuzzScripts scripts = new ControlFuzzScripts(random);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < HALF_MESSAGE_PEERS + SILENT_PEERS; i++) {
                Socket s = f.client.runInside(PptpFuzzIT::connect);
                stalled.add(s);
                s.getOutputStream().write(i < HALF_MESSAGE_PEERS ? scripts.halfMessage()
                        : ControlFuzzScripts.bytes(ControlFuzzScripts.sccrq()));
            }
            long deadline = System.nanoTime() + PptpServerFixture.PPTP_TIMER.multipliedBy(2).plus(WAIT).toNanos();
            for (Socket s : stalled) {
                readUntilClosed(s, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), null);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(PptpServerFixture.SERVER, PptpClient.PORT), 5000);
        return s;
    }

    /** Everything the server sends until it closes; fails if it keeps the connection open for {@code timeout}. */
    private static byte[] readUntilClosed(Socket s, Duration timeout, ControlFuzzScripts.Script script)
            throws IOException {
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + timeout
                    + (script == null ? "" : " after " + script.kind() + " " + hex(script)), e);
        } catch (IOException reset) {
            // A reset is a close too (the server closes with replies or our data unread).
        }
        return all.toByteArray();
    }

    // ---- GRE ----

    private int greSent;
    private String burstOnB = "";

    /** Our Call IDs of the three calls, and the clients' IDs of B and C (in the key of what the server sends them). */
    private record LiveCalls(int a, int b, int bPeer, int c, int cPeer) {
        boolean contains(int callId) {
            return callId == a || callId == b || callId == c;
        }
    }

    /** Sends the GRE fuzz; returns how many packets carried A's Call ID from the other address. */
    private int fuzzGre(Random random, GreSocket gre, GreSocket other, LiveCalls live) throws IOException {
        GreFuzzPackets packets = new GreFuzzPackets(random);
        int n = 4 * ITERATIONS;
        // Call IDs no call has, from the clients' address: header damage, garbage, sequence edges.
        for (int i = 0; i < n; i++) {
            int id;
            do {
                id = random.nextInt(0x10000);
            } while (live.contains(id));
            byte[] p = switch (random.nextInt(5)) {
                case 0 -> packets.garbage(id);
                case 1 -> packets.packet(id, random.nextLong(1L << 32));
                default -> packets.damage(packets.packet(id, random.nextLong(1L << 32)));
            };
            send(gre, p, i);
        }
        // A's Call ID from another address: well-formed, so that only the address keeps them from A.
        int toOther = ITERATIONS;
        for (int i = 0; i < toOther; i++) {
            send(other, packets.packet(live.a(), random.nextLong(1L << 32)), i);
        }
        // C, the sacrificial call, in its own sequence so that most payloads reach its PPP link. A
        // damaged Sequence Number that still decodes may move the server's expectation far ahead
        // (4.3: newer packets are taken, older ones dropped): follow it as the server does.
        long seq = 0;
        for (int i = 0; i < n; i++) {
            byte[] p = packets.packet(live.c(), seq);
            if (random.nextInt(3) == 0) {
                p = packets.damage(p);
            }
            seq = nextAfter(p, live.c(), seq);
            send(gre, p, i);
        }
        // B: a bounded burst, from the last sequence number the server acknowledged to B's client on.
        OptionalLong bAcknowledged = gre.lastAcknowledged(live.bPeer());
        seq = bAcknowledged.isPresent() ? (bAcknowledged.getAsLong() + 1) & 0xFFFF_FFFFL : random.nextLong(1L << 32);
        burstOnB = (bAcknowledged.isPresent() ? "after B's acknowledged " + bAcknowledged.getAsLong()
                : "from " + seq + " (nothing acknowledged to B seen)");
        for (int i = 0; i < LIVE_CALL_PACKETS; i++) {
            byte[] p = packets.packet(live.b(), seq);
            if (random.nextInt(4) == 0) {
                p = packets.damage(p);
            }
            seq = nextAfter(p, live.b(), seq);
            send(gre, p, i);
        }
        return toOther;
    }

    /** The sequence number to send next to {@code callId} once the server has taken {@code packet}. */
    private static long nextAfter(byte[] packet, int callId, long next) {
        if (GreCodec.decode(ByteBuffer.wrap(packet)) instanceof GreDecodeResult.Decoded d
                && d.packet().header().callId() == callId && d.packet().header().sequenceNumber().isPresent()) {
            long after = (d.packet().header().sequenceNumber().getAsLong() + 1) & 0xFFFF_FFFFL;
            return (int) (after - next) > 0 ? after : next; // 32-bit serial arithmetic, as GreChannel
        }
        return next;
    }

    /** About 10 000 packets a second, so that the server's socket buffer drops little of the fuzz. */
    private void send(GreSocket socket, byte[] packet, int i) throws IOException {
        socket.send(packet);
        greSent++;
        if (i % 100 == 99) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /**
     * A raw GRE socket in the client namespace bound to one of its addresses: sends to the server
     * from that address, and notes the acknowledgment number of each packet the server sends to it
     * (by the Call ID in the key, the client's), which says where that call's sequence stands.
     */
    private static final class GreSocket implements AutoCloseable {
        private final RawIpSocket socket;
        private final RawIpReader reader;
        private final Inet4Address server;
        private final Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();

        private GreSocket(RawIpSocket socket, Inet4Address server) {
            this.socket = socket;
            this.server = server;
            this.reader = RawIpReader.start(socket, (source, gre) -> {
                if (gre.remaining() >= 12 && (gre.get(gre.position() + 1) & 0x80) != 0) {
                    int at = gre.position() + ((gre.get(gre.position()) & 0x10) != 0 ? 12 : 8);
                    if (gre.limit() >= at + 4) {
                        acknowledged.put((int) gre.getChar(gre.position() + 6), gre.getInt(at) & 0xFFFF_FFFFL);
                    }
                }
            }, new Counters());
        }

        static GreSocket open(PptpServerFixture f, String local) {
            Inet4Address address = ipv4(local);
            return new GreSocket(f.client.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, address)),
                    ipv4(PptpServerFixture.SERVER));
        }

        void send(byte[] packet) throws IOException {
            socket.send(server, ByteBuffer.wrap(packet));
        }

        OptionalLong lastAcknowledged(int callId) {
            Long ack = acknowledged.get(callId);
            return ack == null ? OptionalLong.empty() : OptionalLong.of(ack);
        }

        @Override
        public void close() throws InterruptedException {
            reader.close();
        }
    }

    // ---- checks ----

    /**
     * Records logged with a throwable that is not an I/O error: an exception that escaped a task
     * on the engine loop (Netty logs and swallows those) or any other component.
     */
    private static final class EscapedExceptions extends Handler implements AutoCloseable {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        static EscapedExceptions install() {
            EscapedExceptions h = new EscapedExceptions();
            Logger.getLogger("").addHandler(h);
            return h;
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getThrown() != null && !(r.getThrown() instanceof IOException)) {
                records.add(r);
            }
        }

        void assertNone() {
            assertThat(records).as("exceptions logged: %s", records.stream()
                    .map(r -> r.getLoggerName() + ": " + r.getMessage() + ": " + r.getThrown()).toList()).isEmpty();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    /** Waits until the server has worked through its backlog: no counter moves for half a second. */
    private static void awaitQuiet(PptpServerFixture f) {
        long deadline = System.nanoTime() + WAIT.multipliedBy(2).toNanos();
        Map<String, Long> before = f.counters.snapshot();
        while (true) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            Map<String, Long> now = f.counters.snapshot();
            if (now.equals(before)) {
                return;
            }
            assertThat(System.nanoTime()).as("the server never went quiet").isLessThan(deadline);
            before = now;
        }
    }

    private static long callsUp(PptpServerFixture f) {
        return f.counter("pptp.control.call.up") - f.counter("pptp.control.call.down");
    }

    /** How far the counters starting with {@code prefix} moved since {@code before}. */
    private static long moved(PptpServerFixture f, Map<String, Long> before, String prefix) {
        return f.counters.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** The PPTP, GRE and PPP drop and error counters that moved, for the summary line. */
    private static Map<String, Long> movedCounters(PptpServerFixture f, Map<String, Long> before) {
        Map<String, Long> moved = new TreeMap<>();
        f.counters.snapshot().forEach((name, value) -> {
            long delta = value - before.getOrDefault(name, 0L);
            if (delta > 0 && (name.contains("malformed") || name.contains("illegal") || name.contains("unknown")
                    || name.contains("timeout") || name.contains("refused") || name.contains("dropped")
                    || name.contains("duplicate") || name.contains("out_of_order") || name.contains("ignored"))) {
                moved.put(name, delta);
            }
        });
        return moved;
    }

    private static String state(PptpServerFixture f) {
        return "registry: " + f.registry.tunnels() + " " + f.registry.sessions() + "\npool used: " + f.pool.used()
                + "\ncounters: " + new TreeMap<>(f.counters.snapshot());
    }

    private static String hex(ControlFuzzScripts.Script s) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        s.chunks().forEach(all::writeBytes);
        return HexFormat.of().formatHex(all.toByteArray());
    }

    private static ClientOptions options() {
        return ClientOptions.of(new InetSocketAddress(PptpServerFixture.SERVER, PptpClient.PORT), "alice", "wonderland");
    }

    private static Inet4Address ipv4(String address) {
        try {
            return (Inet4Address) InetAddress.getByName(address);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
