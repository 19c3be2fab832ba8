package io.cohort.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppOption;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reset-Request/Reset-Ack (RFC 1962 3.1) and the MPPE option (RFC 3078 2) against golden octets. */
@ExtendWith(FailingCaseReport.class)
class ResetPacketTest {

    @Test
    void resetRequestGolden() {
        byte[] golden = golden("reset-request.hex");

        assertThat(ResetPacket.decode(ByteBuffer.wrap(golden))).isEqualTo(DecodeResult.ok(ResetPacket.request(0x2A)));
        assertThat(bytes(ResetPacket.request(0x2A).encode())).isEqualTo(golden);
    }

    @Test
    void resetAckGolden() {
        byte[] golden = golden("reset-ack-with-data.hex");
        ResetPacket ack = new ResetPacket(ResetPacket.Kind.RESET_ACK, 0x2A, "abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(ResetPacket.decode(ByteBuffer.wrap(golden))).isEqualTo(DecodeResult.ok(ack));
        assertThat(bytes(ack.encode())).isEqualTo(golden);
    }

    @Test
    void theAckCopiesTheRequestsIdentifier() {
        assertThat(ResetPacket.ackFor(ResetPacket.request(77)))
                .isEqualTo(new ResetPacket(ResetPacket.Kind.RESET_ACK, 77, new byte[0]));
    }

    @Test
    void configureRequestWithTheMppeOptionGolden() {
        ControlPacket request = new ControlPacket(1, 1, PppOption.encodeAll(
                List.of(MppeSupportedBits.of(java.util.Set.of(io.cohort.ppp.mppe.MppeStrength.BITS_128), true)
                        .toOption())));

        assertThat(bytes(request.encode())).isEqualTo(golden("configure-request-mppe-128-stateless.hex"));
    }

    @Test
    void otherCodesAndDamageAreTypedErrors() {
        assertThat(ResetPacket.decode(ByteBuffer.wrap(new byte[] {1, 1, 0, 4})))
                .isEqualTo(DecodeResult.malformed(DecodeError.BAD_FIELD, "code 1 is not Reset-Request/Ack"));
        assertThat(ResetPacket.decode(ByteBuffer.wrap(new byte[] {14, 1, 0})))
                .isInstanceOf(DecodeResult.Malformed.class);
        assertThat(ResetPacket.decode(ByteBuffer.wrap(new byte[] {14, 1, 0, 9})))
                .isInstanceOf(DecodeResult.Malformed.class);
    }

    static Stream<Arguments> packets() {
        return SeededCases.of(1_000, r -> Arguments.of(r.bool(), r.intBetween(0, 255), r.bytes(0, 64)));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void roundTrip(boolean ack, int id, byte[] data) {
        ResetPacket p = new ResetPacket(ack ? ResetPacket.Kind.RESET_ACK : ResetPacket.Kind.RESET_REQUEST, id, data);

        assertThat(ResetPacket.decode(p.encode())).isEqualTo(DecodeResult.ok(p));
    }

    static Stream<Arguments> randomOctets() {
        return SeededCases.of(2_000, r -> Arguments.of(r.bytes(0, 40)));
    }

    @ParameterizedTest
    @MethodSource("randomOctets")
    void decodeNeverThrows(byte[] octets) {
        assertThat(ResetPacket.decode(ByteBuffer.wrap(octets))).isNotNull();
    }

    static byte[] golden(String name) {
        try (InputStream in = ResetPacketTest.class.getResourceAsStream("/ccp/" + name)) {
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
