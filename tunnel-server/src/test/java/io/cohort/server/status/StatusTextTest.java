package io.cohort.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTextTest {
    @Test
    void rendersAllSectionsAsAlignedTables() {
        assertThat(StatusText.render(StatusFixtures.snapshot())).isEqualTo("""
                cohort 1.2.3 on gw1, up 1h 2m 3s (since 2026-11-24T08:00:00Z)

                Tunnels: 1
                PROTO    ID  PEER-ID  PEER            STATE        SESSIONS  UP-SINCE              BYTES-IN  PKTS-IN  BYTES-OUT  PKTS-OUT
                l2tp   4711       12  192.0.2.7:1701  established         2  2026-11-24T08:00:00Z       300        1          0         0

                Sessions: 2
                PROTO  TUNNEL  ID  PEER-ID  USER        ADDRESS    STATE         UP-SINCE              BYTES-IN  PKTS-IN  BYTES-OUT  PKTS-OUT
                l2tp     4711   1       21  alice?[31m  10.99.0.2  up            2026-11-24T08:00:00Z      1000        1       2000         1
                l2tp     4711   2       22  -           -          establishing  2026-11-24T08:00:00Z         0        0          0         0

                Users: 1
                USER        SESSIONS  ADDRESSES
                alice?[31m         1  10.99.0.2

                Addresses: 1 of 253 in use (pool 10.99.0.0/24, gateway 10.99.0.1)
                ADDRESS    USER
                10.99.0.2  alice?[31m

                Counters: 2
                NAME              VALUE
                control.requests      1
                l2tp.rx.packets      42
                """);
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "59,59s", "60,1m 0s", "3600,1h 0m 0s", "90061,1d 1h 1m 1s"})
    void uptime(long seconds, String text) {
        assertThat(StatusText.uptime(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @Test
    void cleansControlCharacters() {
        assertThat(StatusText.clean("a\tb\u0085c\u007f")).isEqualTo("a?b?c?");
    }
}
