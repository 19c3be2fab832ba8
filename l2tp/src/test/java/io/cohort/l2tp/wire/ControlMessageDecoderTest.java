package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AVP-level rules of RFC 2661 sections 4.1, 4.2 and 4.4, on hand-written message bodies. */
class ControlMessageDecoderTest {
    /** HELLO: it needs no AVP besides Message Type, so any extra AVP can be tested on it. */
    private static final String HELLO = "80 08 00 00 00 00 00 06";

    /** A control message for tunnel 0x1234 session 7 with this body; the Length is computed. */
    private static byte[] message(String bodyHex) {
        byte[] body = GoldenBytes.hex(bodyHex);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length);
        b.put(GoldenBytes.hex("c8 02")).putShort((short) (12 + body.length))
                .put(GoldenBytes.hex("12 34 00 07 00 00 00 00")).put(body);
        return b.array();
    }

    private static DecodeResult<L2tpPacket, DecodeFault> decode(String bodyHex) {
        return L2tpCodec.decode(ByteBuffer.wrap(message(bodyHex)), null);
    }

    private static ControlMessage decoded(String bodyHex) {
        return ((ControlPacket) Decoding.packet(decode(bodyHex))).message().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "AVP header cut short,               '" + HELLO + " 80 08 00',                       BAD_AVP_LENGTH",
        "AVP Length below 6,                 '" + HELLO + " 80 05 00 00 00 07 61',           BAD_AVP_LENGTH",
        "AVP Length past the end,            '" + HELLO + " 80 0a 00 00 00 07 61',           BAD_AVP_LENGTH",
        "first AVP is not Message Type,      '80 09 00 00 00 07 6c 61 63',                 MISSING_MESSAGE_TYPE",
        "Message Type hidden,                'c0 08 00 00 00 00 00 06',                    MISSING_MESSAGE_TYPE",
        "vendor Message Type,                '80 08 00 09 00 00 00 06',                    MISSING_MESSAGE_TYPE",
        "Message Type of 3 octets,           '80 09 00 00 00 00 00 00 06',                 BAD_AVP_VALUE",
        "second Message Type,                '" + HELLO + " " + HELLO + "',                 MISPLACED_MESSAGE_TYPE",
        "unknown type with M,                '80 08 00 00 00 00 00 05',                    UNKNOWN_MANDATORY_MESSAGE_TYPE",
        "unknown type without M,             '00 08 00 00 00 00 00 63',                    IGNORABLE_MESSAGE_TYPE",
        "unknown IETF AVP with M,            '" + HELLO + " 80 07 00 00 00 28 01',           UNKNOWN_MANDATORY_AVP",
        "unassigned attribute 20 with M,     '" + HELLO + " 80 06 00 00 00 14',              UNKNOWN_MANDATORY_AVP",
        "vendor AVP with M,                  '" + HELLO + " 80 07 01 37 00 01 01',           UNKNOWN_MANDATORY_AVP",
        "reserved bit with M,                '" + HELLO + " 84 08 00 00 00 09 00 01',        UNKNOWN_MANDATORY_AVP",
        "Assigned Tunnel ID of 3 octets,     '" + HELLO + " 80 09 00 00 00 09 00 01 02',     BAD_AVP_VALUE",
        "Challenge Response of 15 octets,    '" + HELLO + " 80 15 00 00 00 0d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e', BAD_AVP_VALUE",
        "Result Code of 3 octets,            '" + HELLO + " 80 09 00 00 00 01 00 01 00',     BAD_AVP_VALUE",
        "empty Host Name,                    '" + HELLO + " 80 06 00 00 00 07',              BAD_AVP_VALUE",
        "Sequencing Required with a value,   '" + HELLO + " 80 07 00 00 00 27 00',           BAD_AVP_VALUE",
        "hidden AVP without a secret,        '" + HELLO + " 80 0a 00 00 00 24 01 02 03 04 c0 08 00 00 00 09 00 01', HIDDEN_AVP_WITHOUT_SECRET",
        "hidden Host Name,                   '" + HELLO + " 80 0a 00 00 00 24 01 02 03 04 c0 09 00 00 00 07 6c 61 63', FORBIDDEN_HIDDEN_AVP",
        "SCCRQ without Host Name,            '80 08 00 00 00 00 00 01 80 08 00 00 00 02 01 00 80 0a 00 00 00 03 00 00 00 03 80 08 00 00 00 09 00 01', MISSING_REQUIRED_AVP",
    })
    void rejects(String name, String body, DecodeError error) {
        DecodeFault f = Decoding.fault(decode(body));

        assertThat(f.kind()).isEqualTo(error);
        assertThat(f.tunnelId()).isEqualTo(0x1234);
        assertThat(f.sessionId()).isEqualTo(7);
    }

    @Test
    void missingRequiredAvpIsNamedInTheDetail() {
        DecodeResult<L2tpPacket, DecodeFault> r = decode("80 08 00 00 00 00 00 0a 80 08 00 00 00 0e 00 42");

        assertThat(Decoding.malformed(r).detail()).isEqualTo("ICRQ lacks Call Serial Number");
    }

    @Test
    void keepsUnknownAvpsWithoutTheMandatoryBit() {
        ControlMessage m = decoded(HELLO + " 00 08 01 37 00 05 ab cd 00 07 00 00 00 63 01");

        assertThat(m.findAll(Avp.UnknownAvp.class)).containsExactly(
                new Avp.UnknownAvp(0x137, 5, false, GoldenBytes.hex("abcd")),
                new Avp.UnknownAvp(0, 99, false, GoldenBytes.hex("01")));
    }

    @Test
    void ignoresAnAvpWithReservedBitsAndNoMandatoryBit() {
        // 4.1: reserved bit set => treated as unrecognised; without M it is ignored.
        ControlMessage m = decoded(HELLO + " 04 08 00 00 00 09 00 01");

        assertThat(m.avps()).isEmpty();
    }

    @Test
    void keepsTheReceivedMandatoryBitOfKnownAvps() {
        // Tie Breaker MUST be sent with M=0; one received with M=1 is still understood.
        ControlMessage m = decoded(HELLO + " 80 0e 00 00 00 05 00 00 00 00 00 00 00 01");

        assertThat(m.avps()).containsExactly(new FlaggedAvp(new Avp.TieBreaker(1), true, false));
    }

    @Test
    void findReturnsTheFirstOfATypeAndFindAllEveryOne() {
        ControlMessage m = decoded(HELLO + " 80 08 00 00 00 09 00 01 80 08 00 00 00 09 00 02");

        assertThat(m.find(Avp.AssignedTunnelId.class)).contains(new Avp.AssignedTunnelId(1));
        assertThat(m.findAll(Avp.AssignedTunnelId.class)).hasSize(2);
        assertThat(m.find(Avp.HostName.class)).isEmpty();
        assertThat(m.contains(AvpType.ASSIGNED_TUNNEL_ID)).isTrue();
    }

    @Test
    void resultCodeWithErrorCodeAndEmptyMessage() {
        ControlMessage m = decoded(HELLO + " 80 0a 00 00 00 01 00 02 00 08");

        assertThat(m.find(Avp.ResultCode.class)).contains(
                new Avp.ResultCode(2, OptionalInt.of(8), ""));
    }

    @Test
    void unknownMandatoryAvpInASessionMessageCarriesTheSessionId() {
        // 4.2: the caller clears the session (ICRP is a session message) named by the header.
        DecodeResult<L2tpPacket, DecodeFault> r = decode("80 08 00 00 00 00 00 0b 80 08 00 00 00 0e 00 42 80 06 00 00 00 63");

        assertThat(r).isEqualTo(new DecodeResult.Malformed<>(new DecodeFault(DecodeError.UNKNOWN_MANDATORY_AVP,
                0x1234, 7, Optional.of(MessageType.ICRP), OptionalInt.of(0x42)),
                "unknown mandatory AVP vendor 0 type 99 in ICRP"));
        assertThat(MessageType.ICRP.isSessionMessage()).isTrue();
        assertThat(MessageType.SCCRQ.isSessionMessage()).isFalse();
    }
    @Test
    void unknownMandatoryAvpReportsTheTypeAndAnAssignedSessionIdThatFollowsIt() {
        // ICRQ: the unknown AVP first, then Assigned Session ID 0x42, then a broken AVP.
        DecodeFault f = Decoding.fault(decode("80 08 00 00 00 00 00 0a 80 06 00 00 00 63 80 08 00 00 00 0e 00 42 80 03"));

        assertThat(f.kind()).isEqualTo(DecodeError.UNKNOWN_MANDATORY_AVP);
        assertThat(f.messageType()).contains(MessageType.ICRQ);
        assertThat(f.assignedSessionId()).hasValue(0x42);
    }

    @Test
    void unknownMandatoryAvpWithoutAReadableAssignedSessionId() {
        // The Assigned Session ID after a broken AVP length is not searched for.
        DecodeFault f = Decoding.fault(decode("80 08 00 00 00 00 00 0a 80 06 00 00 00 63 80 03 00 00 00 0e 00 42"));

        assertThat(f.messageType()).contains(MessageType.ICRQ);
        assertThat(f.assignedSessionId()).isEmpty();
    }

    @Test
    void unknownMandatoryAvpFindsAHiddenAssignedSessionIdOnlyWithTheSecret() {
        HidingSecret secret = HidingSecret.of(new byte[] {'k', 'e', 'y'});
        ControlMessage icrq = new ControlMessage(MessageType.ICRQ, List.of(
                FlaggedAvp.of(new Avp.UnknownAvp(0, 99, true, new byte[0])),
                FlaggedAvp.hidden(new Avp.AssignedSessionId(0x55)),
                FlaggedAvp.of(new Avp.CallSerialNumber(1))));
        ByteBuffer bytes = L2tpCodec.encodeControl(1, 0, 0, 0, icrq, secret, new SecureRandom());

        DecodeFault withSecret = Decoding.fault(L2tpCodec.decode(bytes.duplicate(), secret));
        DecodeFault without = Decoding.fault(L2tpCodec.decode(bytes.duplicate(), null));

        assertThat(withSecret.assignedSessionId()).hasValue(0x55);
        assertThat(without.kind()).isEqualTo(DecodeError.UNKNOWN_MANDATORY_AVP);
        assertThat(without.assignedSessionId()).isEmpty();
    }
}
