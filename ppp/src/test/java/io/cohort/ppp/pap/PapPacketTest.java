package io.cohort.ppp.pap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PAP packet bodies (RFC 1334 section 2.2): round trips and malformed input. */
@ExtendWith(FailingCaseReport.class)
class PapPacketTest {
    static Stream<Arguments> requests() {
        return SeededCases.of(1000, r -> Arguments.of(name(r), r.bytes(0, 255), r.intBetween(0, 255)));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestRoundTrips(String peerId, byte[] password, int id) {
        ControlPacket p = PapPacket.request(id, peerId, password);
        assertThat(p.code()).isEqualTo(PapPacket.AUTHENTICATE_REQUEST);
        assertThat(p.identifier()).isEqualTo(id);
        DecodeResult<PapPacket.Request> decoded = PapPacket.decodeRequest(p);
        assertThat(decoded).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
            PapPacket.Request r = (PapPacket.Request) ok.value();
            assertThat(r.peerId()).isEqualTo(peerId);
            assertThat(r.password()).isEqualTo(password);
        });
        assertThat(ControlPacket.decode(p.encode())).isEqualTo(DecodeResult.ok(p));
    }

    static Stream<Arguments> replies() {
        return SeededCases.of(1000, r -> Arguments.of(name(r), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void replyMessageRoundTrips(String message, boolean ack) {
        int code = ack ? PapPacket.AUTHENTICATE_ACK : PapPacket.AUTHENTICATE_NAK;
        ControlPacket p = PapPacket.reply(code, 9, message);
        assertThat(p.code()).isEqualTo(code);
        assertThat(PapPacket.message(p)).isEqualTo(message);
    }

    static Stream<Arguments> bodies() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 600)));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void anyBodyDecodesWithoutThrowing(byte[] body) {
        DecodeResult<PapPacket.Request> r = PapPacket.decodeRequest(new ControlPacket(1, 1, body));
        if (r instanceof DecodeResult.Ok<PapPacket.Request> ok) {
            int user = ok.value().peerId().getBytes(StandardCharsets.UTF_8).length;
            assertThat(body.length).isGreaterThanOrEqualTo(2 + (body[0] & 0xFF) + ok.value().password().length);
            assertThat(user).isLessThanOrEqualTo(body.length * 3);
        }
        assertThat(PapPacket.message(new ControlPacket(2, 1, body))).isNotNull();
    }

    @Test
    void longMessagesAreCutAt255Octets() {
        ControlPacket p = PapPacket.reply(PapPacket.AUTHENTICATE_NAK, 1, "x".repeat(300));
        assertThat(p.dataLength()).isEqualTo(256);
        assertThat(PapPacket.message(p)).hasSize(255);
    }

    @Test
    void fieldsPastTheEndAreTypedErrors() {
        HexFormat hex = HexFormat.of();
        assertThat(PapPacket.decodeRequest(new ControlPacket(1, 1, new byte[0])))
                .isEqualTo(DecodeResult.malformed(DecodeError.TRUNCATED, "no Peer-ID Length"));
        assertThat(PapPacket.decodeRequest(new ControlPacket(1, 1, hex.parseHex("0561"))))
                .isEqualTo(DecodeResult.malformed(DecodeError.BAD_FIELD, "Peer-ID past the end"));
        assertThat(PapPacket.decodeRequest(new ControlPacket(1, 1, hex.parseHex("01610261"))))
                .isEqualTo(DecodeResult.malformed(DecodeError.BAD_FIELD, "Password past the end"));
        assertThat(PapPacket.message(new ControlPacket(3, 1, hex.parseHex("05")))).isEmpty();
    }

    /** At most 3 UTF-8 octets a character, no lone surrogates: at most 255 octets. */
    static String name(RandomValues r) {
        return r.string(0, 85, ' ', '\uD7FF');
    }
}
