package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DatagramMutator;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MalformedDatagrams;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.server.registry.SessionStatus;
import io.cohort.testbed.Privileges;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the live server. With session A up (the in-repo client, pinging the inside host), the
 * client namespace sends the server's UDP port many thousands of damaged datagrams: damaged copies
 * of control and data messages that carry A's real tunnel and session IDs, sent from A's own
 * socket so that they reach A's tunnel; the same from other ports; random octets; and SCCRQ floods
 * from four addresses against the per-peer and total tunnel limits. Afterwards the runtime is
 * still healthy, its drop counters moved, A either still pings or was cleared by the server as a
 * damaged-but-valid message demands, and a fresh client authenticates, gets an address and pings
 * through the TUN.
 */
class L2tpFuzzIT {
    private static final int MAX_TUNNELS = 20;
    private static final int MAX_TUNNELS_PER_PEER = 8;
    private static final int FLOOD_ADDRESSES = 3;
    private static final int SCCRQS_PER_ADDRESS = 12;
    private static final int MUTATED_FROM_A = 6_000;
    private static final int MUTATED_FROM_ELSEWHERE = 3_000;
    private static final int RANDOM = 2_000;
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long no counter may move for the server to count as having worked through its backlog. */
    private static final Duration QUIET = Duration.ofMillis(500);
    /** A minimal IPv4 header (to the inside host) as the payload of the data seeds. */
    private static final byte[] IPV4 = {0x45, 0, 0, 20, 0, 1, 0, 0, 64, 1, 0, 0, 10, 99, 0, 2, (byte) 198, 51, 100, 2};

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void serverSurvivesDamagedTrafficAndServesAFreshSession() throws Exception {
        // Short retransmission so that half-open flood tunnels are released within seconds (5.8).
        String l2tp = "retransmit-initial = 250ms\nretransmit-max = 8s\nretransmit-attempts = 3";
        String limits = "[limits]\nmax-tunnels = " + MAX_TUNNELS + "\nmax-tunnels-per-peer = " + MAX_TUNNELS_PER_PEER;
        try (L2tpServerFixture f = L2tpServerFixture.start(dir, l2tp, limits, "192.0.2.3/24", "192.0.2.4/24",
                "192.0.2.5/24")) {
            try (L2tpClient clientA = f.openClient(L2tpServerFixture.clientOptions())) {
                ClientSession a = clientA.connect();
                assertThat(a.ping(L2tpServerFixture.INSIDE_HOST, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                SessionStatus rowA = f.registry.sessions().getFirst();
                int tunnelA = rowA.key().tunnel().localId();
                int sessionA = rowA.key().localId();
                List<byte[]> seeds = seeds(clientA.dataDatagram(a, ByteBuffer.wrap(IPV4)), tunnelA, sessionA);
                long malformedBefore = malformed(f);
                Random random = new Random(0xC0407);
                DatagramMutator mutator = new DatagramMutator(random);

                // A's own socket: the damage reaches A's tunnel, its session and its PPP link.
                for (int i = 0; i < MUTATED_FROM_A; i++) {
                    clientA.sendDatagram(ByteBuffer.wrap(mutator.mutate(seeds.get(i % seeds.size()))));
                    pace(i);
                }
                try (DatagramChannel other = f.lac.runInside(() -> channel("192.0.2.2"))) {
                    for (int i = 0; i < MUTATED_FROM_ELSEWHERE + RANDOM; i++) {
                        byte[] d = i < RANDOM ? DatagramMutator.randomDatagram(random, 300)
                                : mutator.mutate(seeds.get(i % seeds.size()));
                        other.send(ByteBuffer.wrap(d), L2tpServerFixture.LNS);
                        pace(i);
                    }
                }
                awaitQuiet(f); // the flood must not be lost in a full socket buffer
                flood(f);
                awaitQuiet(f);

                assertThat(f.fatal).isEmpty();
                assertThat(malformed(f) - malformedBefore).as("drops counted").isGreaterThan(1_000);
                // The first flood address is held to its own 8 (per-peer limit), the later ones run into
                // the total of 20: at least 4 + 4 + 8 refusals even if no other tunnel is left.
                assertThat(f.counters.get("l2tp.tunnel.refused.limit")).as("%s", f.counters.snapshot())
                        .isGreaterThanOrEqualTo(4 + 4 + 8);

                // Up to three of A's first packets may be lost while its data Ns resynchronises (5.4).
                PingResult afterwards = a.ping(L2tpServerFixture.INSIDE_HOST, 5, Duration.ofSeconds(2));
                if (afterwards.received() > 0) {
                    a.close(); // and it still closes cleanly: PPP Terminate, then CDN
                    awaitGone(f, rowA, clientA);
                } else {
                    // Cleared, then by a damaged message that was still valid (StopCCN, CDN, an SCCRQ or
                    // unknown M-bit AVP inside the tunnel, an LCP Terminate-Request): the server has
                    // let go of it, and counted why.
                    awaitGone(f, rowA, clientA);
                    assertThat(f.counters.get("l2tp.tunnel.stopccn.rx") + f.counters.get("l2tp.tunnel.fsm_error")
                            + f.counters.get("l2tp.rx.unknown_mandatory_avp") + sum(f, "l2tp.session.")
                            + sum(f, "ppp.")).isPositive();
                }
            }
            awaitHalfOpenTunnelsReleased(f);

            try (L2tpClient fresh = f.openClient(L2tpServerFixture.clientOptions());
                 ClientSession b = fresh.connect()) {
                assertThat(f.pool.cidr().contains(b.address())).isTrue();
                assertThat(b.ping(L2tpServerFixture.INSIDE_HOST, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
            }
            f.stopServer();
            assertThat(f.registry.sessionCount()).isZero();
            assertThat(f.pool.used()).isZero();
            assertThat(f.fatal).isEmpty();
        }
    }

    /** What a LAC sends on A's tunnel, with the server's IDs for A: the seeds to damage. */
    private static List<byte[]> seeds(ByteBuffer data, int tunnel, int session) {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(bytes(data));
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x03, (byte) 0xC0, 0x21, 0x09, 0x01, 0x00, 0x08,
                0, 0, 0, 0}); // LCP Echo-Request
        seeds.add(bytes(L2tpCodec.encodeData(tunnel, session, frame, true, 7, 0, true, 2)));
        seeds.add(bytes(L2tpCodec.encodeData(tunnel, session, frame, false, 0, 0, false, 0)));
        List<ControlMessage> messages = List.of(ControlMessage.of(MessageType.HELLO),
                ControlMessage.of(MessageType.ICRQ, new Avp.AssignedSessionId(77), new Avp.CallSerialNumber(77)),
                ControlMessage.of(MessageType.ICCN, new Avp.TxConnectSpeed(1_000_000), new Avp.FramingType(true, false)),
                ControlMessage.of(MessageType.SLI, new Avp.Accm(0, 0)),
                ControlMessage.of(MessageType.WEN, new Avp.CallErrors(1, 2, 3, 4, 5, 6)),
                ControlMessage.of(MessageType.CDN, new Avp.ResultCode(3, OptionalInt.empty(), ""),
                        new Avp.AssignedSessionId(1)),
                ControlMessage.of(MessageType.StopCCN, new Avp.AssignedTunnelId(1),
                        new Avp.ResultCode(1, OptionalInt.empty(), "")));
        Random ns = new Random(1);
        for (ControlMessage m : messages) {
            int s = m.type().isSessionMessage() && m.type() != MessageType.ICRQ ? session : 0;
            seeds.add(bytes(L2tpCodec.encodeControl(tunnel, s, ns.nextInt(8), ns.nextInt(8), m, null, null)));
        }
        seeds.add(bytes(L2tpCodec.encodeZlb(tunnel, 3, 3)));
        seeds.add(bytes(sccrq(4242)));
        return seeds;
    }

    private static ByteBuffer sccrq(int assignedTunnelId) {
        return L2tpCodec.encodeControl(0, 0, 0, 0, ControlMessage.of(MessageType.SCCRQ, new Avp.ProtocolVersion(1, 0),
                new Avp.HostName("flood"), new Avp.FramingCapabilities(true, false),
                new Avp.AssignedTunnelId(assignedTunnelId)), null, null);
    }

    /**
     * SCCRQs, each for a new tunnel, from three further addresses of the client namespace, in
     * order, address by address: the next address starts once the server has taken on or refused
     * every SCCRQ of the one before.
     */
    private static void flood(L2tpServerFixture f) throws IOException {
        for (int a = 0; a < FLOOD_ADDRESSES; a++) {
            String address = "192.0.2." + (3 + a);
            long answeredBefore = sccrqsAnswered(f);
            try (DatagramChannel c = f.lac.runInside(() -> channel(address))) {
                for (int i = 0; i < SCCRQS_PER_ADDRESS; i++) {
                    c.send(sccrq(1 + i), L2tpServerFixture.LNS);
                    LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
                }
            }
            await("the SCCRQs from " + address + " taken on or refused").atMost(Duration.ofSeconds(10))
                    .pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> sccrqsAnswered(f) - answeredBefore >= SCCRQS_PER_ADDRESS);
        }
    }

    /** SCCRQs for a new tunnel the server took on (a tunnel created) or refused for want of room or IDs. */
    private static long sccrqsAnswered(L2tpServerFixture f) {
        return f.counters.get("l2tp.tunnel.created") + f.counters.get("l2tp.tunnel.refused.limit")
                + f.counters.get("l2tp.tunnel.refused.no_id");
    }

    private static DatagramChannel channel(String address) throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(address, 0));
    }

    /** About 10 000 datagrams a second, so that the server's socket buffer drops little of the test's traffic. */
    private static void pace(int i) {
        if (i % 100 == 99) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** Waits until the server has worked through its backlog: no counter moves for half a second. */
    private static void awaitQuiet(L2tpServerFixture f) {
        AtomicReference<Map<String, Long>> previous = new AtomicReference<>(f.counters.snapshot());
        await("the server went quiet").atMost(Duration.ofSeconds(20)).pollDelay(QUIET).pollInterval(QUIET)
                .until(f.counters::snapshot, now -> now.equals(previous.getAndSet(now)));
    }

    private static void awaitGone(L2tpServerFixture f, SessionStatus row, L2tpClient client) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(POLL).untilAsserted(
                () -> assertThat(f.registry.sessions()).as("session A neither pings nor was cleared: server %s %s, "
                                + "client %s", f.registry.sessions(), f.counters.snapshot(), client.counters().snapshot())
                        .noneMatch(s -> s.key().equals(row.key())));
    }

    /** Waits until every tunnel created is released or established, e.g. the flood's half-open ones. */
    private static void awaitHalfOpenTunnelsReleased(L2tpServerFixture f) {
        await("half-open tunnels released").atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                .pollInterval(POLL).until(() -> f.counters.get("l2tp.tunnel.created")
                        - f.counters.get("l2tp.tunnel.released") <= f.registry.tunnelCount());
    }

    private static long malformed(L2tpServerFixture f) {
        return sum(f, MalformedDatagrams.COUNTER_PREFIX);
    }

    private static long sum(L2tpServerFixture f, String prefix) {
        return f.counters.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
