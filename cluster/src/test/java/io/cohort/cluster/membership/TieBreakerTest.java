package io.cohort.cluster.membership;

import static io.cohort.cluster.membership.NodeHarness.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.message.MemberAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden answers of figure 8A's tie-breaker, and that both masters always agree. */
class TieBreakerTest {
    @ParameterizedTest(name = "{0} members at 10.0.0.{1} vs {2} at 10.0.0.{3}: wins = {4}")
    @CsvSource({
        // more members wins, whatever the addresses (809, 813)
        "3, 9, 2, 1, true",
        "2, 1, 3, 9, false",
        "64, 200, 63, 1, true",
        // equal counts: the lower address wins (817)
        "2, 1, 2, 9, true",
        "2, 9, 2, 1, false",
        "1, 10, 1, 9, false",
        "1, 9, 1, 10, true",
    })
    void golden(int mine, int myHost, int theirs, int theirHost, boolean wins) {
        assertThat(TieBreaker.wins(mine, address(myHost), theirs, address(theirHost))).isEqualTo(wins);
        assertThat(TieBreaker.wins(theirs, address(theirHost), mine, address(myHost))).isEqualTo(!wins);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        // unsigned bytes: 10.0.0.128 is above 10.0.0.127; IPv4 before IPv6
        "10.0.0.127, 10.0.0.128",
        "9.255.255.255, 10.0.0.0",
        "192.168.1.1, ::1",
    })
    void addressOrder(String lower, String higher) throws UnknownHostException {
        MemberAddress a = new MemberAddress(InetAddress.getByName(lower), 4500);
        MemberAddress b = new MemberAddress(InetAddress.getByName(higher), 4500);
        assertThat(TieBreaker.wins(1, a, 1, b)).isTrue();
        assertThat(TieBreaker.wins(1, b, 1, a)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1", "5"})
    void twoMastersCannotShareAnAddress(int count) {
        assertThatThrownBy(() -> TieBreaker.wins(count, address(5), count, address(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
