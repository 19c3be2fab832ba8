package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.pptp.PptpClient;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.OutgoingCallResult;
import io.cohort.server.registry.SessionStatus;
import io.cohort.testbed.Privileges;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the live PPTP server ({@link PptpServerFixture}: the production runtime, TUN and all).
 * Calls A and B from the in-repo client (MS-CHAPv2, MPPE-128) ping the gateway first. Then:
 *
 * <ol>
 * <li>Control port: {@code iterations} TCP connections, each with a script of
 * {@link ControlFuzzScripts} (valid sequences, damaged framing, fields and state order) driven by
 * {@link ControlPortFuzzer}; then half messages and silent established peers, which the set-up
 * and echo timers (3.1.4) must cut off. A's and B's connections must not notice.</li>
 * <li>GRE (protocol 47) from the client namespace: damaged and random packets to Call IDs no call
 * has; well-formed packets with A's Call ID from another address, which must never reach A (the
 * server keys calls by address and Call ID); damaged PPP-in-GRE on C, a sacrificial call of a
 * {@link HandMadePns} whose LCP the test opens by hand so that the damage reaches the server's
 * authentication phase; and a bounded burst on B that continues B's own sequence numbers as the
 * server acknowledges them, so that damaged MPPE and PPP frames reach B's link.</li>
 * </ol>
 *
 * <p>A spoofed packet with a live call's address and Call ID is indistinguishable from the peer's
 * own (PPTP has nothing below PPP to authenticate it), so it may legitimately break that call: B
 * and C may break, A must not. Afterwards: no fatal error and no exception escaped, the drop
 * counters moved, no call, control connection or address leaked, A still pings, B and C clear
 * cleanly, and a fresh client gets a call that pings.
 *
 * <p>Seeded and repeatable: {@code -Dcohort.fuzz.seed=<n>} (default 0x2637) and
 * {@code -Dcohort.fuzz.iterations=<n>} (control connections, default 1000; the GRE packets scale
 * with it). The summary line on stdout names both.
 */
class PptpFuzzIT {
    private static final long SEED = Long.getLong("cohort.fuzz.seed", 0x2637);
    private static final int ITERATIONS = Integer.getInteger("cohort.fuzz.iterations", 1000);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long no counter may move for the server to count as having worked through its backlog. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String CLIENT = "192.0.2.2";
    private static final String OTHER = "192.0.2.3";
    private static final Inet4Address GATEWAY = ipv4("10.98.0.1");
    /** Packets with B's live Call ID, from B's address: enough to reach MPPE, bounded since they may break B. */
    private static final int LIVE_CALL_PACKETS = 64;
    private static final int HALF_MESSAGE_PEERS = 6;
    private static final int SILENT_PEERS = 2;
    private static final int LCP = 0xC021;
    private static final int CHAP = 0xC223;
    /** Held so that its level sticks: a line per fuzz connection would bury the summary. */
    private static final Logger PPTP_LOG = Logger.getLogger("io.cohort.server.pptp");

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);
    private final GreFuzzPackets packets = new GreFuzzPackets(random);
    private int greSent;
    private String burstOnB = "";

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

    /** Our (the server's) Call IDs, and the clients' (in the key of what the server sends them). */
    private record LiveCalls(int a, int b, int bPeer, int c, int cPeer) {
        boolean contains(int callId) {
            return callId == a || callId == b || callId == c;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void serverSurvivesDamagedControlAndGreTrafficAndServesAFreshCall() throws Exception {
        long started = System.nanoTime();
        try (EscapedExceptions escaped = EscapedExceptions.install();
             PptpServerFixture f = PptpServerFixture.start(dir)) {
            f.client.addAddress("v-pac", OTHER + "/24");
            try (PptpClient clientA = f.client.runInside(() -> PptpClient.open(options()))) {
                ClientSession a = f.client.runInside(clientA::connect);
                assertThat(a.ping(GATEWAY, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                SessionStatus rowA = f.pptpSessions().getFirst();
                Map<String, Long> before = f.counters.snapshot();
                String summary;
                try (PptpClient clientB = f.client.runInside(() -> PptpClient.open(options()))) {
                    ClientSession b = f.client.runInside(clientB::connect);
                    assertThat(b.ping(GATEWAY, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                    SessionStatus rowB = f.pptpSessions().stream().filter(s -> !s.key().equals(rowA.key()))
                            .findFirst().orElseThrow();

                    Map<ControlFuzzScripts.Kind, Integer> scripts = fuzzControlPort(f, before, rowA, rowB);
                    assertThat(a.ping(GATEWAY, 1, Duration.ofSeconds(3)).received()).isEqualTo(1);

                    int bReceived;
                    try (RawGrePeer gre = RawGrePeer.open(f.client, CLIENT, PptpServerFixture.SERVER);
                         RawGrePeer other = RawGrePeer.open(f.client, OTHER, PptpServerFixture.SERVER);
                         HandMadePns c = HandMadePns.connect(f.client)) {
                        // B's ping also makes the server acknowledge (to gre) where B's sequence stands.
                        assertThat(b.ping(GATEWAY, 1, Duration.ofSeconds(3)).received()).isEqualTo(1);
                        LiveCalls live = placeSacrificialCall(f, c, gre, rowA, rowB);
                        long unknownBefore = f.counter("pptp.gre.rx.unknown_call");
                        int toOther = fuzzGre(gre, other, live);
                        awaitQuiet(f);

                        assertThat(f.fatal).isEmpty();
                        escaped.assertNone();
                        assertThat(f.counter("pptp.tcp.internal_errors")).isZero();
                        assertThat(f.counter("rawip.rx.consumer-errors")).isZero();
                        assertThat(moved(f, before, "pptp.gre.rx.malformed.")).as("malformed GRE counted").isPositive();
                        assertThat(f.counter("pptp.gre.rx.unknown_call") - unknownBefore)
                                .as("A's Call ID from another address never reaches A").isGreaterThanOrEqualTo(toOther);

                        // A was never targeted: it goes on.
                        assertThat(f.pptpSessions()).extracting(SessionStatus::key).contains(rowA.key());
                        assertThat(a.ping(GATEWAY, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
                        // B may be broken by its burst (4.3: a packet ahead moves the sequence on); it
                        // still clears cleanly, as C does.
                        bReceived = b.ping(GATEWAY, 3, Duration.ofSeconds(1)).received();
                    }
                    clientB.close();
                    await("B and C gone, their control connections too", () -> f.pptpTunnels().size() == 1
                            && f.pptpSessions().size() == 1, WAIT, () -> state(f));
                    summary = String.format("%d control connections %s, %d GRE packets (%d read by the server;"
                                    + " %d on B %s; B answered %d/3 pings afterwards)", ITERATIONS, scripts, greSent,
                            moved(f, before, "rawip.rx.packets"), LIVE_CALL_PACKETS, burstOnB, bReceived);
                }

                try (PptpClient fresh = f.client.runInside(() -> PptpClient.open(options()))) {
                    ClientSession d = f.client.runInside(fresh::connect);
                    assertThat(d.ping(GATEWAY, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
                    d.close();
                }
                await("only A left", () -> f.pptpTunnels().size() == 1 && f.pptpSessions().size() == 1
                        && callsUp(f) == 1 && f.pool.used() == 1, WAIT, () -> state(f));
                assertThat(f.pptpSessions().getFirst().key()).isEqualTo(rowA.key());
                assertThat(a.ping(GATEWAY, 1, Duration.ofSeconds(3)).received()).isEqualTo(1);
                System.out.printf("PptpFuzzIT seed=%d iterations=%d: %s in %d ms; moved: %s%n", SEED, ITERATIONS,
                        summary, Duration.ofNanos(System.nanoTime() - started).toMillis(), movedCounters(f, before));
            }
            await("every call cleared", () -> f.pptpSessions().isEmpty() && f.pptpTunnels().isEmpty()
                    && f.pool.used() == 0 && callsUp(f) == 0, WAIT, () -> state(f));
            f.stopServer();
            assertThat(f.fatal).isEmpty();
            escaped.assertNone();
        }
    }

    /** Phase 1: the scripts, then the stalled peers; A's and B's control connections and calls stay. */
    private Map<ControlFuzzScripts.Kind, Integer> fuzzControlPort(PptpServerFixture f, Map<String, Long> before,
                                                                  SessionStatus rowA, SessionStatus rowB)
            throws IOException {
        ControlPortFuzzer control = new ControlPortFuzzer(f.client, PptpServerFixture.SERVER, random,
                Set.of(rowA.peerId(), rowB.peerId()));
        Map<ControlFuzzScripts.Kind, Integer> scripts = control.run(ITERATIONS);
        control.stall(HALF_MESSAGE_PEERS, SILENT_PEERS, PptpServerFixture.PPTP_TIMER.multipliedBy(2).plus(WAIT));
        await("every fuzz connection and its calls gone (A and B left)", () -> f.pptpTunnels().size() == 2
                && f.pptpSessions().size() == 2 && callsUp(f) == 2 && f.pool.used() == 2, WAIT, () -> state(f));
        assertThat(f.pptpSessions()).extracting(SessionStatus::key).containsExactlyInAnyOrder(rowA.key(), rowB.key());
        assertThat(f.fatal).isEmpty();
        assertThat(f.counter("pptp.tcp.internal_errors")).isZero();
        assertThat(moved(f, before, "pptp.control.rx.malformed.")).as("malformed control messages counted")
                .isPositive();
        assertThat(moved(f, before, "pptp.control.rx.illegal.")).as("out-of-state messages counted").isPositive();
        assertThat(moved(f, before, "pptp.control.setup_timeout")).isGreaterThanOrEqualTo(HALF_MESSAGE_PEERS);
        assertThat(moved(f, before, "pptp.control.echo_timeout")).isGreaterThanOrEqualTo(SILENT_PEERS);
        return scripts;
    }

    /**
     * Call C: Start-Control-Connection-Request and Outgoing-Call-Request from {@code c}, then LCP
     * by hand over GRE (the server's Configure-Request acknowledged as it is, ours with only a
     * Magic-Number), until the server sends an MS-CHAPv2 Challenge (RFC 2759): C is authenticating,
     * and the fuzz's CHAP packets carry the Challenge's identifier.
     */
    private LiveCalls placeSacrificialCall(PptpServerFixture f, HandMadePns c, RawGrePeer gre, SessionStatus rowA,
                                           SessionStatus rowB) throws Exception {
        c.send(ControlFuzzScripts.sccrq());
        c.await(ControlMessage.StartControlConnectionReply.class, WAIT);
        int cPeer;
        do {
            cPeer = 1 + random.nextInt(0xFFFE); // not a client's: they would take C's GRE for theirs
        } while (cPeer == rowA.peerId() || cPeer == rowB.peerId());
        c.send(new ControlMessage.OutgoingCallRequest(cPeer, 1, 300, 100_000_000, 3, 3, 16, 0, 0, "", ""));
        ControlMessage.OutgoingCallReply reply = c.await(ControlMessage.OutgoingCallReply.class, WAIT);
        assertThat(reply.resultCode()).isEqualTo(OutgoingCallResult.CONNECTED.code());
        int callC = reply.callId();

        byte[] request = gre.awaitPacket(cPeer, LCP, 1, WAIT).orElseThrow(
                () -> new AssertionError("no LCP Configure-Request to C\n" + state(f)));
        byte[] ack = request.clone();
        ack[0] = 2;
        gre.send(GreFuzzPackets.encode(callC, OptionalLong.of(0), OptionalLong.empty(), ppp(LCP, ack)));
        gre.send(GreFuzzPackets.encode(callC, OptionalLong.of(1), OptionalLong.empty(),
                ppp(LCP, HexFormat.of().parseHex("0101000a0506cafef00d"))));
        byte[] challenge = gre.awaitPacket(cPeer, CHAP, 1, WAIT).orElseThrow(
                () -> new AssertionError("C's LCP did not open: no MS-CHAPv2 Challenge to C\n" + state(f)));
        packets.answerChallenge(challenge[1] & 0xFF);
        return new LiveCalls(rowA.key().localId(), rowB.key().localId(), rowB.peerId(), callC, cPeer);
    }

    /** Phase 2; returns how many packets carried A's Call ID from the other address. */
    private int fuzzGre(RawGrePeer gre, RawGrePeer other, LiveCalls live) throws IOException {
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
        // C in its own sequence (after the two LCP packets), so that most payloads reach its PPP link:
        // first without LCP (C stays in its authentication phase), then with.
        long next = fuzzCall(gre, packets::packetPastLcp, live.c(), 2, n / 2, 3);
        fuzzCall(gre, packets::packet, live.c(), next, n - n / 2, 3);
        // B: a bounded burst, after the last sequence number the server acknowledged to B's client.
        OptionalLong acknowledged = gre.lastAcknowledged(live.bPeer());
        long seq = acknowledged.isPresent() ? (acknowledged.getAsLong() + 1) & 0xFFFF_FFFFL : random.nextLong(1L << 32);
        burstOnB = acknowledged.isPresent() ? "after B's acknowledged " + acknowledged.getAsLong()
                : "from " + seq + " (nothing acknowledged to B seen)";
        fuzzCall(gre, packets::packet, live.b(), seq, LIVE_CALL_PACKETS, 4);
        return toOther;
    }

    /**
     * {@code count} packets to {@code callId} from {@code seq} on, one in {@code damageOneIn}
     * damaged. A damaged Sequence Number that still decodes may move the server's expectation far
     * ahead (4.3: newer packets are taken, older ones dropped): the sequence follows it as the
     * server's does. Returns the sequence number to go on with.
     */
    private long fuzzCall(RawGrePeer gre, PacketSource source, int callId, long seq, int count, int damageOneIn)
            throws IOException {
        long next = seq;
        for (int i = 0; i < count; i++) {
            byte[] p = source.packet(callId, next);
            if (random.nextInt(damageOneIn) == 0) {
                p = packets.damage(p);
            }
            if (GreCodec.decode(ByteBuffer.wrap(p)) instanceof DecodeResult.Decoded<GrePacket, GreDecodeError> d
                    && d.value().header().callId() == callId && d.value().header().sequenceNumber().isPresent()) {
                long after = (d.value().header().sequenceNumber().getAsLong() + 1) & 0xFFFF_FFFFL;
                next = (int) (after - next) > 0 ? after : next; // 32-bit serial arithmetic, as GreChannel
            }
            send(gre, p, i);
        }
        return next;
    }

    /** Well-formed packets to a call. */
    private interface PacketSource {
        byte[] packet(int callId, long seq);
    }

    /** About 10 000 packets a second, so that the server's socket buffer drops little of the fuzz. */
    private void send(RawGrePeer peer, byte[] packet, int i) throws IOException {
        peer.send(packet);
        greSent++;
        if (i % 100 == 99) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static byte[] ppp(int protocol, byte[] packet) {
        byte[] frame = new byte[4 + packet.length];
        frame[0] = (byte) 0xFF;
        frame[1] = 0x03;
        frame[2] = (byte) (protocol >>> 8);
        frame[3] = (byte) protocol;
        System.arraycopy(packet, 0, frame, 4, packet.length);
        return frame;
    }

    /** Waits until the server has worked through its backlog: no counter moves for half a second. */
    private static void awaitQuiet(PptpServerFixture f) {
        AtomicReference<Map<String, Long>> previous = new AtomicReference<>(f.counters.snapshot());
        Awaitility.await("the server went quiet").atMost(WAIT.multipliedBy(2)).pollDelay(QUIET).pollInterval(QUIET)
                .until(f.counters::snapshot, now -> now.equals(previous.getAndSet(now)));
    }

    private static long callsUp(PptpServerFixture f) {
        return f.counter("pptp.control.call.up") - f.counter("pptp.control.call.down");
    }

    /** How far the counters starting with {@code prefix} moved since {@code before}. */
    private static long moved(PptpServerFixture f, Map<String, Long> before, String prefix) {
        return f.counters.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** The drop, refusal and error counters that moved, for the summary line. */
    private static Map<String, Long> movedCounters(PptpServerFixture f, Map<String, Long> before) {
        Map<String, Long> moved = new TreeMap<>();
        f.counters.snapshot().forEach((name, value) -> {
            long delta = value - before.getOrDefault(name, 0L);
            if (delta > 0 && (name.contains("malformed") || name.contains("illegal") || name.contains("unknown")
                    || name.contains("timeout") || name.contains("refused") || name.contains("dropped")
                    || name.contains("duplicate") || name.contains("out_of_order") || name.contains("ignored")
                    || name.contains("out_of_phase") || name.contains("error"))) {
                moved.put(name, delta);
            }
        });
        return moved;
    }

    private static String state(PptpServerFixture f) {
        return "registry: " + f.registry.tunnels() + " " + f.registry.sessions() + "\npool used: " + f.pool.used()
                + "\ncounters: " + new TreeMap<>(f.counters.snapshot());
    }

    private static ClientOptions options() {
        return ClientOptions.of(new InetSocketAddress(PptpServerFixture.SERVER, PptpClient.PORT), "alice",
                "wonderland");
    }

    private static Inet4Address ipv4(String address) {
        try {
            return (Inet4Address) InetAddress.getByName(address);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
