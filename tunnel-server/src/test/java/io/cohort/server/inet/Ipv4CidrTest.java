package io.cohort.server.inet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4CidrTest {
    @Test
    void parsesABlock() {
        Ipv4Cidr c = ok("10.99.0.0/24");

        assertThat(c.size()).isEqualTo(256);
        assertThat(c.networkAddress().getHostAddress()).isEqualTo("10.99.0.0");
        assertThat(c.broadcastAddress().getHostAddress()).isEqualTo("10.99.0.255");
        assertThat(c.addressAt(1).getHostAddress()).isEqualTo("10.99.0.1");
        assertThat(c.offsetOf(c.addressAt(200))).isEqualTo(200);
        assertThat(c.contains(Ipv4Literal.parse("10.99.0.77").orElseThrow())).isTrue();
        assertThat(c.contains(Ipv4Literal.parse("10.99.1.0").orElseThrow())).isFalse();
        assertThat(c).hasToString("10.99.0.0/24");
    }

    @Test
    void zeroAndFullPrefixes() {
        assertThat(ok("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(ok("0.0.0.0/0").contains(Ipv4Literal.parse("203.0.113.9").orElseThrow())).isTrue();
        assertThat(ok("192.0.2.7/32").size()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0|not in CIDR notation",
            "10.0.0/8|'10.0.0' is not an IPv4 address",
            "10.0.0.0/|'' is not a prefix length",
            "10.0.0.0/33|'33' is not a prefix length",
            "10.0.0.0/-1|'-1' is not a prefix length",
            "10.0.0.1/8|host bits are set; the network is 10.0.0.0/8"})
    void explainsInvalidBlocks(String text, String problem) {
        assertThat(Ipv4Cidr.parse(text)).isInstanceOfSatisfying(Ipv4Cidr.Parsed.Invalid.class,
                i -> assertThat(i.problem()).contains(problem));
    }

    @Test
    void constructorGuardsItsInvariants() {
        assertThatThrownBy(() -> new Ipv4Cidr(1, 24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv4Cidr(0, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok("10.0.0.0/30").addressAt(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ok("10.0.0.0/30").offsetOf(Ipv4Literal.parse("10.0.0.4").orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Ipv4Cidr ok(String text) {
        return ((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse(text)).cidr();
    }
}
