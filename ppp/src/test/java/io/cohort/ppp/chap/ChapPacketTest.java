package io.cohort.ppp.chap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** CHAP bodies (RFC 1994 section 4) and MS-CHAPv2 messages (RFC 2759 sections 4 to 6). */
class ChapPacketTest {
    @Property
    void challengeAndResponseRoundTrip(@ForAll @Size(min = 1, max = 255) byte[] value, @ForAll("names") String name,
                                       @ForAll @IntRange(min = 1, max = 2) int code) {
        ControlPacket p = ChapPacket.valueAndName(code, 42, value, name);
        assertThat(ChapPacket.decodeValueAndName(p)).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
            ChapPacket.ValueAndName v = (ChapPacket.ValueAndName) ok.value();
            assertThat(v.value()).isEqualTo(value);
            assertThat(v.name()).isEqualTo(name);
        });
        assertThat(ControlPacket.decode(p.encode())).isEqualTo(DecodeResult.ok(p));
    }

    @Property
    void successAndFailureMessagesRoundTrip(@ForAll("names") String message, @ForAll @IntRange(min = 3, max = 4) int code) {
        assertThat(ChapPacket.messageOf(ChapPacket.message(code, 1, message))).isEqualTo(message);
    }

    @Property
    void anyBodyDecodesWithoutThrowing(@ForAll @Size(max = 600) byte[] body) {
        if (ChapPacket.decodeValueAndName(new ControlPacket(1, 1, body)) instanceof DecodeResult.Ok<ChapPacket.ValueAndName> ok) {
            assertThat(ok.value().value()).hasSize(body[0] & 0xFF).isNotEmpty();
        }
    }

    @Example
    void valueSizeZeroOrPastTheEndIsATypedError() {
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[0])))
                .isEqualTo(DecodeResult.malformed(DecodeError.TRUNCATED, "no Value-Size"));
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[] {0, 'a'})))
                .isInstanceOf(DecodeResult.Malformed.class);
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[] {16, 1, 2})))
                .isInstanceOf(DecodeResult.Malformed.class);
    }

    @Property
    void msChapV2SuccessCarriesTheAuthenticatorResponse(@ForAll @Size(20) byte[] digest, @ForAll("names") String m) {
        String s = "S=" + HexFormat.of().withUpperCase().formatHex(digest);
        String message = MsChapV2Messages.success(s, m);
        assertThat(message).isEqualTo(s + " M=" + m);
        assertThat(MsChapV2Messages.authenticatorResponseOf(message)).contains(s);
    }

    @Example
    void malformedSuccessMessagesHaveNoAuthenticatorResponse() {
        assertThat(MsChapV2Messages.authenticatorResponseOf("Access granted")).isEmpty();
        assertThat(MsChapV2Messages.authenticatorResponseOf("S=1234")).isEmpty();
        assertThat(MsChapV2Messages.authenticatorResponseOf("X=407A5589115FD0D6209F510FE9C04566932CDA56 M=hi"))
                .isEmpty();
    }

    @Property
    void msChapV2FailureFollowsSection6(@ForAll @Size(16) byte[] challenge, @ForAll boolean retry) {
        String f = MsChapV2Messages.failure(691, retry, challenge, "Authentication failed");
        assertThat(f).matches("E=691 R=[01] C=[0-9A-F]{32} V=3 M=Authentication failed");
        assertThat(f).contains("R=" + (retry ? 1 : 0));
        assertThat(HexFormat.of().parseHex(f.substring(f.indexOf("C=") + 2, f.indexOf(" V=")))).isEqualTo(challenge);
    }

    @Property
    void msChapV2ResponseValueLayout(@ForAll @Size(16) byte[] peer, @ForAll @Size(24) byte[] nt) {
        byte[] v = MsChapV2Messages.responseValue(peer, nt);
        assertThat(v).hasSize(49);
        assertThat(java.util.Arrays.copyOfRange(v, 0, 16)).isEqualTo(peer);
        assertThat(java.util.Arrays.copyOfRange(v, 16, 24)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(v, 24, 48)).isEqualTo(nt);
        assertThat(v[48]).isZero();
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(60);
    }
}
