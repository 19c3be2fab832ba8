package io.cohort.server.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.server.status.StatusFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatusDocumentTest {
    @Test
    void rendersEveryPartAsOneObject() {
        assertThat(ControlJson.write(StatusDocument.of(StatusFixtures.snapshot()))).isEqualTo("{"
                + "\"server\":{\"hostname\":\"gw1\",\"version\":\"1.2.3\",\"startedAt\":\"2026-11-24T08:00:00Z\","
                + "\"now\":\"2026-11-24T09:02:03Z\"},"
                + "\"tunnels\":[{\"protocol\":\"l2tp\",\"id\":4711,\"peerId\":12,\"peerAddress\":\"192.0.2.7\","
                + "\"peerPort\":1701,\"state\":\"established\",\"sessions\":2,\"upSince\":\"2026-11-24T08:00:00Z\","
                + "\"bytesIn\":300,\"packetsIn\":1,\"bytesOut\":0,\"packetsOut\":0}],"
                + "\"sessions\":[{\"protocol\":\"l2tp\",\"tunnelId\":4711,\"id\":1,\"peerId\":21,"
                + "\"user\":\"alice\\u001B[31m\",\"address\":\"10.99.0.2\",\"state\":\"up\","
                + "\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":1000,\"packetsIn\":1,\"bytesOut\":2000,\"packetsOut\":1},"
                + "{\"protocol\":\"l2tp\",\"tunnelId\":4711,\"id\":2,\"peerId\":22,\"user\":null,\"address\":null,"
                + "\"state\":\"establishing\",\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":0,\"packetsIn\":0,"
                + "\"bytesOut\":0,\"packetsOut\":0}],"
                + "\"users\":[{\"user\":\"alice\\u001B[31m\",\"sessions\":1,\"addresses\":[\"10.99.0.2\"]}],"
                + "\"pool\":{\"cidr\":\"10.99.0.0/24\",\"gateway\":\"10.99.0.1\",\"size\":253,\"used\":1,"
                + "\"allocations\":[{\"address\":\"10.99.0.2\",\"user\":\"alice\\u001B[31m\"}]},"
                + "\"counters\":{\"control.requests\":1,\"l2tp.rx.packets\":42}"
                + "}\n");
    }

    @Test
    void theServersRenderingReadsBackAsTheSameDocument() {
        StatusDocument rendered = StatusDocument.of(StatusFixtures.snapshot());

        StatusDocument read = ControlJson.read(ControlJson.write(rendered), StatusDocument.class);

        assertThat(read).isEqualTo(rendered);
        assertThat(read.counter("l2tp.rx.packets")).isEqualTo(42);
        assertThat(read.counter("never.counted")).isZero();
        assertThat(read.sessions("l2tp", "up")).isEqualTo(1);
        assertThat(read.sessions("l2tp", "establishing")).isEqualTo(1);
        assertThat(read.sessions().get(1).user()).isEmpty();
    }

    /** Documents with user names that broke the old pattern readers: quotes, brackets, braces, escapes. */
    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyDocumentRoundTrips(long seed) {
        Random random = new Random(seed);
        StatusDocument doc = randomDocument(random);

        assertThat(ControlJson.read(ControlJson.write(doc), StatusDocument.class)).as("seed %d", seed).isEqualTo(doc);
    }

    @Test
    void fieldsANewerServerAddsAreIgnoredAndMalformedJsonIsAClearError() {
        String json = ControlJson.write(StatusDocument.of(StatusFixtures.snapshot())).replaceFirst("\\{", "{\"later\":[1,2],");

        assertThat(ControlJson.read(json, StatusDocument.class).server().hostname()).isEqualTo("gw1");
        assertThatThrownBy(() -> ControlJson.read("{\"server\":", StatusDocument.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a StatusDocument: ");
    }

    private static StatusDocument randomDocument(Random r) {
        Instant t = Instant.ofEpochSecond(r.nextInt(2_000_000_000));
        List<StatusDocument.Session> sessions = IntStream.range(0, r.nextInt(4)).mapToObj(i -> new StatusDocument.Session(
                r.nextBoolean() ? "l2tp" : "pptp", r.nextInt(65536), r.nextInt(65536), r.nextInt(65536),
                r.nextBoolean() ? Optional.of(text(r)) : Optional.empty(),
                r.nextBoolean() ? Optional.of("10.99.0." + r.nextInt(256)) : Optional.empty(), "up", t,
                r.nextLong(0, Long.MAX_VALUE), r.nextLong(0, Long.MAX_VALUE), r.nextInt(), r.nextInt())).toList();
        List<StatusDocument.Tunnel> tunnels = IntStream.range(0, r.nextInt(3)).mapToObj(i -> new StatusDocument.Tunnel(
                "l2tp", r.nextInt(65536), r.nextInt(65536), "192.0.2." + r.nextInt(256), r.nextInt(65536), "established",
                r.nextInt(100), t, 1, 2, 3, 4)).toList();
        String user = text(r);
        return new StatusDocument(new StatusDocument.Server(text(r), "0.1.0", t, t.plusSeconds(r.nextInt(1000))),
                tunnels, sessions, List.of(new StatusDocument.User(user, 1, List.of("10.99.0.2"))),
                new StatusDocument.Pool("10.99.0.0/24", "10.99.0.1", 253, 1,
                        List.of(new StatusDocument.Allocation("10.99.0.2", user))),
                Map.of(text(r), r.nextLong(0, Long.MAX_VALUE), "l2tp.rx.packets", 42L));
    }

    /** Up to 12 characters from an alphabet of JSON's special characters, controls and non-ASCII. */
    private static String text(Random r) {
        String alphabet = "ab]}[{\"\\,:\u001b\n\t é€\uD83D\uDE00";
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(13); i > 0; i--) {
            int at = r.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                s.append(alphabet, at, at + 2);
            } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                s.append(alphabet.charAt(at));
            }
        }
        return s.toString();
    }
}
