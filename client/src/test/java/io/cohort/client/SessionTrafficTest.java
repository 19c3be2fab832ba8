package io.cohort.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counters, delivery and ping matching of {@link SessionTraffic}, with an in-line echo responder. */
class SessionTrafficTest {
    private static final Inet4Address US = TestLns.ip("10.100.0.2");
    private static final Inet4Address GATEWAY = TestLns.ip("10.100.0.1");

    @Test
    void pingsAreMatchedByIdentifierAndSequenceAndCounted() {
        SessionTraffic traffic = new SessionTraffic(7);
        List<ByteBuffer> seen = new ArrayList<>();
        traffic.onIpv4(seen::add);

        PingResult r = traffic.ping(US, GATEWAY, 3, Duration.ofSeconds(1), request -> {
            traffic.sent(request.remaining());
            IcmpEcho echo = IcmpEcho.parse(request).orElseThrow();
            traffic.delivered(new IcmpEcho(GATEWAY, US, true, 99, echo.sequence(), 56).encode()); // not ours
            traffic.delivered(echo.answer().encode());
        });

        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.received()).isEqualTo(3);
        assertThat(traffic.packetsOut()).isEqualTo(3);
        assertThat(traffic.packetsIn()).isEqualTo(6);
        assertThat(traffic.bytesIn()).isEqualTo(6L * (20 + 8 + 56));
        assertThat(seen).hasSize(6);
    }

    @Test
    void anUnansweredPingTimesOut() {
        SessionTraffic traffic = new SessionTraffic(7);
        PingResult r = traffic.ping(US, GATEWAY, 1, Duration.ofMillis(20), request -> { });
        assertThat(r.received()).isZero();
        assertThat(r.roundTrips()).isEmpty();
    }
}
