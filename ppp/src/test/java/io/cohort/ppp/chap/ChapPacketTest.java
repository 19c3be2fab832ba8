package io.cohort.ppp.chap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CHAP bodies (RFC 1994 section 4) and MS-CHAPv2 messages (RFC 2759 sections 4 to 6). */
@ExtendWith(FailingCaseReport.class)
class ChapPacketTest {
    static Stream<Arguments> challengesAndResponses() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(1, 255), name(r), r.intBetween(1, 2)));
    }

    @ParameterizedTest
    @MethodSource("challengesAndResponses")
    void challengeAndResponseRoundTrip(byte[] value, String name, int code) {
        ControlPacket p = ChapPacket.valueAndName(code, 42, value, name);
        assertThat(ChapPacket.decodeValueAndName(p)).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
            ChapPacket.ValueAndName v = (ChapPacket.ValueAndName) ok.value();
            assertThat(v.value()).isEqualTo(value);
            assertThat(v.name()).isEqualTo(name);
        });
        assertThat(ControlPacket.decode(p.encode())).isEqualTo(DecodeResult.ok(p));
    }

    static Stream<Arguments> successesAndFailures() {
        return SeededCases.of(1000, r -> Arguments.of(name(r), r.intBetween(3, 4)));
    }

    @ParameterizedTest
    @MethodSource("successesAndFailures")
    void successAndFailureMessagesRoundTrip(String message, int code) {
        assertThat(ChapPacket.messageOf(ChapPacket.message(code, 1, message))).isEqualTo(message);
    }

    static Stream<Arguments> bodies() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 600)));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void anyBodyDecodesWithoutThrowing(byte[] body) {
        DecodeResult<ChapPacket.ValueAndName> r = ChapPacket.decodeValueAndName(new ControlPacket(1, 1, body));
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Ok<ChapPacket.ValueAndName> ok) {
            assertThat(ok.value().value()).hasSize(body[0] & 0xFF).isNotEmpty();
        }
    }

    @Test
    void valueSizeZeroOrPastTheEndIsATypedError() {
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[0])))
                .isEqualTo(DecodeResult.malformed(DecodeError.TRUNCATED, "no Value-Size"));
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[] {0, 'a'})))
                .isInstanceOf(DecodeResult.Malformed.class);
        assertThat(ChapPacket.decodeValueAndName(new ControlPacket(1, 1, new byte[] {16, 1, 2})))
                .isInstanceOf(DecodeResult.Malformed.class);
    }

    static Stream<Arguments> digestsAndMessages() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(20), name(r)));
    }

    @ParameterizedTest
    @MethodSource("digestsAndMessages")
    void msChapV2SuccessCarriesTheAuthenticatorResponse(byte[] digest, String m) {
        String s = "S=" + HexFormat.of().withUpperCase().formatHex(digest);
        String message = MsChapV2Messages.success(s, m);
        assertThat(message).isEqualTo(s + " M=" + m);
        assertThat(MsChapV2Messages.authenticatorResponseOf(message)).contains(s);
    }

    @Test
    void malformedSuccessMessagesHaveNoAuthenticatorResponse() {
        assertThat(MsChapV2Messages.authenticatorResponseOf("Access granted")).isEmpty();
        assertThat(MsChapV2Messages.authenticatorResponseOf("S=1234")).isEmpty();
        assertThat(MsChapV2Messages.authenticatorResponseOf("X=407A5589115FD0D6209F510FE9C04566932CDA56 M=hi"))
                .isEmpty();
    }

    static Stream<Arguments> challengesAndRetries() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(16), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("challengesAndRetries")
    void msChapV2FailureFollowsSection6(byte[] challenge, boolean retry) {
        String f = MsChapV2Messages.failure(691, retry, challenge, "Authentication failed");
        assertThat(f).matches("E=691 R=[01] C=[0-9A-F]{32} V=3 M=Authentication failed");
        assertThat(f).contains("R=" + (retry ? 1 : 0));
        assertThat(HexFormat.of().parseHex(f.substring(f.indexOf("C=") + 2, f.indexOf(" V=")))).isEqualTo(challenge);
    }

    static Stream<Arguments> peerChallengesAndNtResponses() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(16), r.bytes(24)));
    }

    @ParameterizedTest
    @MethodSource("peerChallengesAndNtResponses")
    void msChapV2ResponseValueLayout(byte[] peer, byte[] nt) {
        byte[] v = MsChapV2Messages.responseValue(peer, nt);
        assertThat(v).hasSize(49);
        assertThat(Arrays.copyOfRange(v, 0, 16)).isEqualTo(peer);
        assertThat(Arrays.copyOfRange(v, 16, 24)).containsOnly(0);
        assertThat(Arrays.copyOfRange(v, 24, 48)).isEqualTo(nt);
        assertThat(v[48]).isZero();
    }

    static String name(RandomValues r) {
        return r.string(0, 60, ' ', '\uD7FF');
    }
}
