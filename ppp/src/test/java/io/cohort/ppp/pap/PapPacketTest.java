package io.cohort.ppp.pap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** PAP packet bodies (RFC 1334 section 2.2): round trips and malformed input. */
class PapPacketTest {
    @Property
    void requestRoundTrips(@ForAll("names") String peerId, @ForAll @Size(max = 255) byte[] password,
                           @ForAll("octets") int id) {
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

    @Property
    void replyMessageRoundTrips(@ForAll("names") String message, @ForAll boolean ack) {
        int code = ack ? PapPacket.AUTHENTICATE_ACK : PapPacket.AUTHENTICATE_NAK;
        ControlPacket p = PapPacket.reply(code, 9, message);
        assertThat(p.code()).isEqualTo(code);
        assertThat(PapPacket.message(p)).isEqualTo(message);
    }

    @Property
    void anyBodyDecodesWithoutThrowing(@ForAll @Size(max = 600) byte[] body) {
        DecodeResult<PapPacket.Request> r = PapPacket.decodeRequest(new ControlPacket(1, 1, body));
        if (r instanceof DecodeResult.Ok<PapPacket.Request> ok) {
            int user = ok.value().peerId().getBytes(StandardCharsets.UTF_8).length;
            assertThat(body.length).isGreaterThanOrEqualTo(2 + (body[0] & 0xFF) + ok.value().password().length);
            assertThat(user).isLessThanOrEqualTo(body.length * 3);
        }
        PapPacket.message(new ControlPacket(2, 1, body));
    }

    @Example
    void longMessagesAreCutAt255Octets() {
        ControlPacket p = PapPacket.reply(PapPacket.AUTHENTICATE_NAK, 1, "x".repeat(300));
        assertThat(p.dataLength()).isEqualTo(256);
        assertThat(PapPacket.message(p)).hasSize(255);
    }

    @Example
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

    @Provide
    Arbitrary<String> names() {
        // At most 3 UTF-8 octets a character, no lone surrogates: at most 255 octets.
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(85);
    }

    @Provide
    Arbitrary<Integer> octets() {
        return Arbitraries.integers().between(0, 255);
    }
}
