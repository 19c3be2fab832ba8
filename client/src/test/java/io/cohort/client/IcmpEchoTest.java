package io.cohort.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class IcmpEchoTest {

    @ParameterizedTest
    @MethodSource("echoes")
    void encodeThenParseIsIdentity(boolean reply, int id, int seq, int payload) {
        IcmpEcho e = new IcmpEcho(TestLns.ip("10.0.0.2"), TestLns.ip("10.0.0.1"), reply, id, seq, payload);
        assertThat(IcmpEcho.parse(e.encode())).contains(e);
    }

    static Stream<Arguments> echoes() {
        return SeededCases.of(1000, random -> Arguments.of(random.bool(), random.intBetween(0, 0xFFFF),
                random.intBetween(0, 0xFFFF), random.intBetween(0, 1400)));
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
