package io.cohort.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    @Property
    void encodeThenParseIsIdentity(@ForAll boolean reply, @ForAll @IntRange(max = 0xFFFF) int id,
            @ForAll @IntRange(max = 0xFFFF) int seq, @ForAll @IntRange(max = 1400) int payload) {
        IcmpEcho e = new IcmpEcho(TestLns.ip("10.0.0.2"), TestLns.ip("10.0.0.1"), reply, id, seq, payload);
        assertThat(IcmpEcho.parse(e.encode())).contains(e);
    }

    @Test
    void checksumsVerifyToZero() {
        ByteBuffer b = new IcmpEcho(TestLns.ip("192.0.2.1"), TestLns.ip("198.51.100.7"), false, 0x1234, 1, 57)
                .encode();
        assertThat(IcmpEcho.checksum(b, 0, 20)).isZero();
        assertThat(IcmpEcho.checksum(b, 20, b.limit() - 20)).isZero();
    }

    @Test
    void corruptedPacketIsRejected() {
        ByteBuffer b = new IcmpEcho(TestLns.ip("10.0.0.2"), TestLns.ip("10.0.0.1"), false, 7, 9, 32).encode();
        b.put(40, (byte) (b.get(40) ^ 1));
        assertThat(IcmpEcho.parse(b)).isEmpty();
    }

    @Test
    void answerSwapsAddressesAndKeepsIds() {
        IcmpEcho req = new IcmpEcho(TestLns.ip("10.0.0.2"), TestLns.ip("10.0.0.1"), false, 7, 9, 32);
        assertThat(req.answer()).isEqualTo(new IcmpEcho(TestLns.ip("10.0.0.1"), TestLns.ip("10.0.0.2"), true, 7, 9, 32));
    }
}
