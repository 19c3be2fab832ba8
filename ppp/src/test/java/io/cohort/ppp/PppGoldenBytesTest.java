package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.chap.ChapPacket;
import io.cohort.ppp.chap.MsChapV2Messages;
import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MsChapV2;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.pap.PapPacket;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.ppp.wire.PppOption;
import io.cohort.ppp.wire.PppProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PPP packet type Cohort sends or reads, as a whole frame (FF 03, protocol, packet) in
 * {@code src/test/resources/golden/*.hex}, written by hand from the RFC layouts. Each row builds
 * the packet with the production encoders and must produce the file's octets; decoding the file
 * must give the packet back.
 */
class PppGoldenBytesTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 2759 section 9.2
    private static final byte[] AUTH_CHALLENGE = hex("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static final byte[] PEER_CHALLENGE = hex("21402324255E262A28295F2B3A337C7E");
    private static final byte[] NT_RESPONSE = hex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    private static final byte[] MD5_CHALLENGE = hex("0102030405060708090a0b0c0d0e0f10");

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    /** The octets of a golden file: '#' starts a comment, white space is ignored. */
    static byte[] golden(String name) {
        try (InputStream in = PppGoldenBytesTest.class.getResourceAsStream("/golden/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
            }
            return HEX.parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PppOption opt(int type, String hex) {
        return new PppOption(type, hex(hex));
    }

    static ControlPacket configure(ControlCode code, int id, PppOption... options) {
        return new ControlPacket(code, id, PppOption.encodeAll(List.of(options)));
    }

    static Arguments row(String file, PppProtocol protocol, ControlPacket packet) {
        return Arguments.of(file, protocol, packet);
    }

    static Stream<Arguments> packets() {
        PppOption[] lcp = {opt(1, "0578"), opt(5, "12345678"), opt(7, ""), opt(8, "")};
        PppOption[] ipcpValues = {opt(3, "0a000002"), opt(129, "c0000235"), opt(131, "c0000236")};
        PppOption ifid = opt(1, "021122fffe334455");
        byte[] next = hex("000102030405060708090a0b0c0d0e0f");
        return Stream.of(
                row("lcp-configure-request", PppProtocol.LCP, configure(ControlCode.CONFIGURE_REQUEST, 1, lcp)),
                row("lcp-configure-ack", PppProtocol.LCP, configure(ControlCode.CONFIGURE_ACK, 1, lcp)),
                row("lcp-configure-nak", PppProtocol.LCP, configure(ControlCode.CONFIGURE_NAK, 1, opt(1, "0040"))),
                row("lcp-configure-reject", PppProtocol.LCP, configure(ControlCode.CONFIGURE_REJECT, 1, opt(13, "06"))),
                row("lcp-configure-request-auth", PppProtocol.LCP, configure(ControlCode.CONFIGURE_REQUEST, 2,
                        AuthMethod.MSCHAP_V2.option(), PppOption.ofU32(5, 0x11111111L))),
                row("lcp-terminate-request", PppProtocol.LCP, new ControlPacket(ControlCode.TERMINATE_REQUEST, 2,
                        new byte[0])),
                row("lcp-terminate-ack", PppProtocol.LCP, new ControlPacket(ControlCode.TERMINATE_ACK, 2, new byte[0])),
                row("lcp-code-reject", PppProtocol.LCP, new ControlPacket(ControlCode.CODE_REJECT, 3,
                        new ControlPacket(12, 5, hex("cafebabe")).encode().array())),
                row("lcp-protocol-reject", PppProtocol.LCP, new ControlPacket(ControlCode.PROTOCOL_REJECT, 4,
                        hex("8281" + "01010004"))),
                row("lcp-echo-request", PppProtocol.LCP, new ControlPacket(ControlCode.ECHO_REQUEST, 5,
                        hex("12345678"))),
                row("lcp-echo-reply", PppProtocol.LCP, new ControlPacket(ControlCode.ECHO_REPLY, 5, hex("cafebabe"))),
                row("lcp-discard-request", PppProtocol.LCP, new ControlPacket(ControlCode.DISCARD_REQUEST, 6,
                        hex("12345678" + "68656c6c6f21"))),
                row("ipcp-configure-request", PppProtocol.IPCP, configure(ControlCode.CONFIGURE_REQUEST, 1,
                        opt(3, "00000000"), opt(129, "00000000"), opt(131, "00000000"))),
                row("ipcp-configure-nak", PppProtocol.IPCP, configure(ControlCode.CONFIGURE_NAK, 1, ipcpValues)),
                row("ipcp-configure-ack", PppProtocol.IPCP, configure(ControlCode.CONFIGURE_ACK, 2, ipcpValues)),
                row("ipcp-configure-reject", PppProtocol.IPCP, configure(ControlCode.CONFIGURE_REJECT, 1,
                        opt(2, "002d0f01"))),
                row("ipcp-configure-nak-nbns", PppProtocol.IPCP, configure(ControlCode.CONFIGURE_NAK, 3,
                        opt(130, "c0000289"))),
                row("ipv6cp-configure-request", PppProtocol.IPV6CP, configure(ControlCode.CONFIGURE_REQUEST, 1, ifid)),
                row("ipv6cp-configure-ack", PppProtocol.IPV6CP, configure(ControlCode.CONFIGURE_ACK, 1, ifid)),
                row("ipv6cp-configure-nak", PppProtocol.IPV6CP, configure(ControlCode.CONFIGURE_NAK, 2,
                        opt(1, "aaaaaaaaaaaaaaaa"))),
                row("ipv6cp-configure-reject", PppProtocol.IPV6CP, configure(ControlCode.CONFIGURE_REJECT, 3,
                        opt(2, "004f"))),
                row("pap-authenticate-request", PppProtocol.PAP, PapPacket.request(1, "alice",
                        "wonderland".getBytes(StandardCharsets.UTF_8))),
                row("pap-authenticate-ack", PppProtocol.PAP, PapPacket.reply(PapPacket.AUTHENTICATE_ACK, 1, "Login ok")),
                row("pap-authenticate-nak", PppProtocol.PAP, PapPacket.reply(PapPacket.AUTHENTICATE_NAK, 1,
                        "Authentication failed")),
                row("chap-md5-challenge", PppProtocol.CHAP, ChapPacket.valueAndName(ChapPacket.CHALLENGE, 7,
                        MD5_CHALLENGE, "cohort")),
                row("chap-md5-response", PppProtocol.CHAP, ChapPacket.valueAndName(ChapPacket.RESPONSE, 7,
                        ChapMd5.response(7, "wonderland", MD5_CHALLENGE), "alice")),
                row("chap-md5-success", PppProtocol.CHAP, ChapPacket.message(ChapPacket.SUCCESS, 7, "Access granted")),
                row("chap-md5-failure", PppProtocol.CHAP, ChapPacket.message(ChapPacket.FAILURE, 7,
                        "Authentication failed")),
                row("mschapv2-challenge", PppProtocol.CHAP, ChapPacket.valueAndName(ChapPacket.CHALLENGE, 1,
                        AUTH_CHALLENGE, "cohort")),
                row("mschapv2-response", PppProtocol.CHAP, ChapPacket.valueAndName(ChapPacket.RESPONSE, 1,
                        MsChapV2Messages.responseValue(PEER_CHALLENGE, MsChapV2.generateNtResponse(AUTH_CHALLENGE,
                                PEER_CHALLENGE, "User", MsChapV2.ntPasswordHash("clientPass"))), "User")),
                row("mschapv2-success", PppProtocol.CHAP, ChapPacket.message(ChapPacket.SUCCESS, 1,
                        MsChapV2Messages.success(MsChapV2.generateAuthenticatorResponse(
                                MsChapV2.ntPasswordHash("clientPass"), NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE,
                                "User"), "Access granted"))),
                row("mschapv2-failure", PppProtocol.CHAP, ChapPacket.message(ChapPacket.FAILURE, 1,
                        MsChapV2Messages.failure(MsChapV2Messages.ERROR_AUTHENTICATION_FAILURE, false, next,
                                "Authentication failed"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void encodesToTheGoldenOctets(String file, PppProtocol protocol, ControlPacket packet) {
        ByteBuffer frame = PppFrameCodec.encode(protocol.number(), packet.encode(), true, false);
        assertThat(HEX.formatHex(frame.array())).isEqualTo(HEX.formatHex(golden(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void decodesFromTheGoldenOctets(String file, PppProtocol protocol, ControlPacket packet) {
        PppFrame frame = ok(PppFrameCodec.decode(ByteBuffer.wrap(golden(file))));
        assertThat(PppProtocol.of(frame.protocol())).isEqualTo(protocol);
        assertThat(ok(ControlPacket.decode(frame.payload()))).isEqualTo(packet);
    }

    @Test
    void everyControlCodeHasAGoldenLcpPacket() {
        List<Integer> codes = packets().filter(a -> a.get()[1] == PppProtocol.LCP)
                .map(a -> ((ControlPacket) a.get()[2]).code()).distinct().sorted().toList();
        assertThat(codes).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void papRequestFieldsDecode() {
        PapPacket.Request r = ok(PapPacket.decodeRequest(packetOf("pap-authenticate-request")));
        assertThat(r.peerId()).isEqualTo("alice");
        assertThat(new String(r.password(), StandardCharsets.UTF_8)).isEqualTo("wonderland");
        assertThat(PapPacket.message(packetOf("pap-authenticate-nak"))).isEqualTo("Authentication failed");
        assertThat(PapPacket.message(packetOf("pap-authenticate-ack"))).isEqualTo("Login ok");
    }

    @Test
    void chapMd5ResponseIsMd5OfIdentifierSecretChallenge() {
        ControlPacket challenge = packetOf("chap-md5-challenge");
        ChapPacket.ValueAndName c = ok(ChapPacket.decodeValueAndName(challenge));
        assertThat(c.name()).isEqualTo("cohort");
        ChapPacket.ValueAndName r = ok(ChapPacket.decodeValueAndName(packetOf("chap-md5-response")));
        assertThat(r.name()).isEqualTo("alice");
        // The file's value was computed outside Cohort (Python's hashlib); it must match ours.
        assertThat(r.value()).isEqualTo(ChapMd5.response(challenge.identifier(), "wonderland", c.value()));
    }

    @Test
    void msChapV2ResponseCarriesTheRfc2759Example() {
        ChapPacket.ValueAndName r = ok(ChapPacket.decodeValueAndName(packetOf("mschapv2-response")));
        assertThat(r.value()).hasSize(MsChapV2Messages.RESPONSE_VALUE_LENGTH);
        assertThat(java.util.Arrays.copyOfRange(r.value(), 0, 16)).isEqualTo(PEER_CHALLENGE);
        assertThat(java.util.Arrays.copyOfRange(r.value(), 16, 24)).isEqualTo(new byte[8]);
        assertThat(java.util.Arrays.copyOfRange(r.value(), 24, 48)).isEqualTo(NT_RESPONSE);
        assertThat(r.value()[48]).isZero();
        String success = ChapPacket.messageOf(packetOf("mschapv2-success"));
        assertThat(MsChapV2Messages.authenticatorResponseOf(success))
                .contains("S=407A5589115FD0D6209F510FE9C04566932CDA56");
        assertThat(ChapPacket.messageOf(packetOf("mschapv2-failure"))).startsWith("E=691 R=0 C=").contains(" V=3 M=");
    }

    private static ControlPacket packetOf(String file) {
        return ok(ControlPacket.decode(ok(PppFrameCodec.decode(ByteBuffer.wrap(golden(file)))).payload()));
    }

    private static <T> T ok(DecodeResult<T> r) {
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<T>) r).value();
    }
}
