package io.cohort.dataplane.rawip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    /** A GRE datagram as a raw socket delivers it: 20-octet header, protocol 47, 192.0.2.2 → 192.0.2.1. */
    private static final String PLAIN = "45000024abcd40004011" + "0000" + "c0000202" + "c0000201";

    private static ByteBuffer hex(String h) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(h));
    }

    @Test
    void headerWithoutOptionsIsTwentyOctetsAndGivesTheSource() {
        ByteBuffer d = hex(PLAIN + "3001880b00000001");

        assertThat(Ipv4Header.payloadOffset(d)).hasValue(20);
        assertThat(Ipv4Header.source(d).getHostAddress()).isEqualTo("192.0.2.2");
        assertThat(d.position()).isZero();
    }

    @Test
    void optionsAreSkippedByIhl() {
        // IHL 6: one 4-octet option (NOP, NOP, NOP, End of Options).
        ByteBuffer d = hex("46" + PLAIN.substring(2) + "01010100" + "3001880b");

        assertThat(Ipv4Header.payloadOffset(d)).hasValue(24);
    }

    @Test
    void offsetIsRelativeToThePosition() {
        ByteBuffer d = hex("ffff" + PLAIN + "30");
        d.position(2);

        assertThat(Ipv4Header.payloadOffset(d)).hasValue(20);
        assertThat(Ipv4Header.source(d).getHostAddress()).isEqualTo("192.0.2.2");
    }

    @Test
    void refusesWhatIsNotAWholeIpv4Header() {
        assertThat(Ipv4Header.payloadOffset(hex(PLAIN.substring(0, 38)))).as("19 octets").isEmpty();
        assertThat(Ipv4Header.payloadOffset(hex("6" + PLAIN.substring(1)))).as("version 6").isEmpty();
        assertThat(Ipv4Header.payloadOffset(hex("44" + PLAIN.substring(2)))).as("IHL 4").isEmpty();
        assertThat(Ipv4Header.payloadOffset(hex("4f" + PLAIN.substring(2)))).as("IHL 15, 20 octets").isEmpty();
    }
}
