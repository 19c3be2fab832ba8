package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressLiteralTest {
    @ParameterizedTest
    @CsvSource({
            "192.0.2.1:7400, 192.0.2.1:7400",
            "192.0.2.1:1, 192.0.2.1:1",
            "192.0.2.1:65535, 192.0.2.1:65535",
            "[2001:db8::1]:7400, [2001:db8:0:0:0:0:0:1]:7400",
            "[::1]:7400, [0:0:0:0:0:0:0:1]:7400",
            "[::ffff:192.0.2.1]:7400, 192.0.2.1:7400"})
    void readsAddressAndPort(String text, String formatted) {
        InetSocketAddress address = AddressLiteral.socketAddress(text).orElseThrow();

        assertThat(address.isUnresolved()).isFalse();
        assertThat(AddressLiteral.format(address)).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2.1", "192.0.2.1:", ":7400", "192.0.2.1:0", "192.0.2.1:65536",
            "192.0.2.1:07400", "192.0.2.1:+7400", "192.0.2.1:7400:1", "2001:db8::1:7400", "[2001:db8::1]",
            "[2001:db8::1]7400", "[192.0.2.1]:7400", "[]:7400", "[fe80::1%eth0]:7400", "localhost:7400",
            "member.example:7400", "[2001:db8::zz]:7400", " 192.0.2.1:7400"})
    void rejectsAnythingElse(String text) {
        assertThat(AddressLiteral.socketAddress(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "member.example", "1.2.3", "::g", "fe80::1%eth0", "1.2.3.4:80", ""})
    void ipNeverResolvesNames(String text) {
        assertThat(AddressLiteral.ip(text)).isEmpty();
    }
}
