package io.cohort.server.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.server.status.StatusFixtures;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
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
    static Stream<Arguments> documents() {
        return SeededCases.of(200, r -> Arguments.of(randomDocument(r)));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void anyDocumentRoundTrips(StatusDocument doc) {
        assertThat(ControlJson.read(ControlJson.write(doc), StatusDocument.class)).isEqualTo(doc);
    }

    @Test
    void fieldsANewerServerAddsAreIgnoredAndMalformedJsonIsAClearError() {
        String json = ControlJson.write(StatusDocument.of(StatusFixtures.snapshot())).replaceFirst("\\{", "{\"later\":[1,2],");

        assertThat(ControlJson.read(json, StatusDocument.class).server().hostname()).isEqualTo("gw1");
        assertThatThrownBy(() -> ControlJson.read("{\"server\":", StatusDocument.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a StatusDocument: ");
    }

    private static StatusDocument randomDocument(RandomValues r) {
        Instant t = Instant.ofEpochSecond(r.intBetween(0, 2_000_000_000));
        List<StatusDocument.Session> sessions = r.listOf(0, 3, x -> new StatusDocument.Session(
                x.bool() ? "l2tp" : "pptp", x.intBetween(0, 65535), x.intBetween(0, 65535), x.intBetween(0, 65535),
                x.bool() ? Optional.of(text(x)) : Optional.empty(),
                x.bool() ? Optional.of("10.99.0." + x.intBetween(0, 255)) : Optional.empty(), "up", t,
                x.longBetween(0, Long.MAX_VALUE), x.longBetween(0, Long.MAX_VALUE), x.anyInt(), x.anyInt()));
        List<StatusDocument.Tunnel> tunnels = r.listOf(0, 2, x -> new StatusDocument.Tunnel(
                "l2tp", x.intBetween(0, 65535), x.intBetween(0, 65535), "192.0.2." + x.intBetween(0, 255),
                x.intBetween(0, 65535), "established", x.intBetween(0, 99), t, 1, 2, 3, 4));
        String user = text(r);
        return new StatusDocument(new StatusDocument.Server(text(r), "0.1.0", t, t.plusSeconds(r.intBetween(0, 999))),
                tunnels, sessions, List.of(new StatusDocument.User(user, 1, List.of("10.99.0.2"))),
                new StatusDocument.Pool("10.99.0.0/24", "10.99.0.1", 253, 1,
                        List.of(new StatusDocument.Allocation("10.99.0.2", user))),
                Map.of(text(r), r.longBetween(0, Long.MAX_VALUE), "l2tp.rx.packets", 42L));
    }

    /** Up to 12 characters from JSON's special characters, controls, non-ASCII and one surrogate pair (whole). */
    private static String text(RandomValues r) {
        List<String> alphabet = List.of("a", "b", "]", "}", "[", "{", "\"", "\\", ",", ":", "\u001b", "\n", "\t", " ",
                "\u00e9", "\u20ac", "\uD83D\uDE00");
        return String.join("", r.listOf(0, 12, x -> x.oneOf(alphabet)));
    }
}
