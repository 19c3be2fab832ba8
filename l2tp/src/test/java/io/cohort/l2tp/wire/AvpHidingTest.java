package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hidden AVPs (RFC 2661 section 4.3). */
class AvpHidingTest {
    private static final HidingSecret SECRET = HidingSecret.of("s3cret".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] VECTOR = GoldenBytes.hex("000102030405060708090a0b0c0d0e0f");

    /** The message of iccn-hidden.hex, whose bytes were computed with Python's hashlib. */
    private static ControlMessage hiddenIccn() {
        return ControlMessage.builder(MessageType.ICCN)
                .add(new Avp.TxConnectSpeed(10_000_000L))
                .add(new Avp.FramingType(true, false))
                .add(new Avp.RandomVector(VECTOR))
                .hidden(new Avp.ProxyAuthenName("bob"))
                .hidden(new Avp.ProxyAuthenResponse("correct horse battery staple".getBytes(StandardCharsets.US_ASCII)))
                .build();
    }

    @Test
    void unhidesTheIndependentlyComputedGoldenBytes() {
        DecodeResult<L2tpPacket, DecodeFault> r = L2tpCodec.decode(ByteBuffer.wrap(GoldenBytes.load("iccn-hidden.hex")), SECRET);

        assertThat(r).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(0x1234, 7, 5, 2), Optional.of(hiddenIccn()))));
    }

    @Test
    void hidesToTheIndependentlyComputedGoldenBytesWhenThereIsNoPadding() {
        ByteBuffer out = L2tpCodec.encodeControl(0x1234, 7, 5, 2, hiddenIccn(), SECRET, new FixedRandom((byte) 0));

        assertThat(GoldenBytes.bytes(out)).isEqualTo(GoldenBytes.load("iccn-hidden.hex"));
    }

    @Test
    void firstBlockIsTheRfcFormulaComputedHere() throws Exception {
        // b1 = MD5(attribute type + S + RV); c(1) = (00 03 'b' 'o' 'b') xor b1
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(new byte[] {0, 30});
        md5.update("s3cret".getBytes(StandardCharsets.US_ASCII));
        byte[] b1 = md5.digest(VECTOR);
        byte[] plain = {0, 3, 'b', 'o', 'b'};
        byte[] expected = new byte[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = (byte) (plain[i] ^ b1[i]);
        }
        byte[] golden = GoldenBytes.load("iccn-hidden.hex");

        // The hidden Proxy Authen Name value starts after header, three AVPs, Random Vector and its AVP header.
        int at = 12 + 8 + 10 + 10 + 22 + 6;
        assertThat(java.util.Arrays.copyOfRange(golden, at, at + 5)).isEqualTo(expected);
    }

    @Test
    void wrongSecretIsDetectedOrYieldsADifferentValue() {
        DecodeResult<L2tpPacket, DecodeFault> r = L2tpCodec.decode(ByteBuffer.wrap(GoldenBytes.load("iccn-hidden.hex")),
                HidingSecret.of(new byte[] {1, 2, 3}));

        if (r instanceof DecodeResult.Malformed<L2tpPacket, DecodeFault> m) {
            assertThat(m.error().kind()).isEqualTo(DecodeError.BAD_HIDDEN_AVP);
        } else {
            ControlMessage m = ((ControlPacket) Decoding.packet(r)).message().orElseThrow();
            assertThat(m.find(Avp.ProxyAuthenName.class)).isNotEqualTo(Optional.of(new Avp.ProxyAuthenName("bob")));
        }
    }

    @Test
    void insertsARandomVectorBeforeTheFirstHiddenAvpWhenNoneIsGiven() {
        ControlMessage m = ControlMessage.builder(MessageType.SCCRQ)
                .add(new Avp.ProtocolVersion(1, 0))
                .add(new Avp.HostName("lac"))
                .add(new Avp.FramingCapabilities(true, false))
                .hidden(new Avp.AssignedTunnelId(7))
                .build();

        ByteBuffer out = L2tpCodec.encodeControl(0, 0, 0, 0, m, SECRET, new SecureRandom());
        ControlMessage back = ((ControlPacket) Decoding.packet(L2tpCodec.decode(out, SECRET)))
                .message().orElseThrow();

        List<FlaggedAvp> avps = back.avps();
        assertThat(avps.get(3).avp()).isInstanceOfSatisfying(Avp.RandomVector.class,
                rv -> assertThat(rv.value()).hasSize(16));
        assertThat(avps.get(4)).isEqualTo(FlaggedAvp.hidden(new Avp.AssignedTunnelId(7)));
    }

    @Test
    void hiddenAvpUsesTheClosestPrecedingRandomVector() {
        ControlMessage m = ControlMessage.builder(MessageType.HELLO)
                .add(new Avp.RandomVector(new byte[] {1}))
                .hidden(new Avp.VendorName("first"))
                .add(new Avp.RandomVector(new byte[] {2, 2}))
                .hidden(new Avp.VendorName("second"))
                .build();

        ByteBuffer out = L2tpCodec.encodeControl(1, 0, 0, 0, m, SECRET, new SecureRandom());

        assertThat(L2tpCodec.decode(out, SECRET)).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(1, 0, 0, 0), Optional.of(m))));
    }

    @Test
    void paddingHidesTheLengthButNotTheValue() {
        ControlMessage m = ControlMessage.builder(MessageType.HELLO)
                .add(new Avp.RandomVector(VECTOR)).hidden(new Avp.AssignedTunnelId(9)).build();
        SecureRandom padsWithSevens = new FixedRandom((byte) 7) {
            @Override
            public int nextInt(int bound) {
                return bound - 1;
            }
        };

        ByteBuffer out = L2tpCodec.encodeControl(1, 0, 0, 0, m, SECRET, padsWithSevens);

        // 15 octets of padding: the hidden AVP is 6 + 2 + 2 + 15 long.
        assertThat(out.remaining()).isEqualTo(12 + 8 + 22 + 25);
        assertThat(((ControlPacket) Decoding.packet(L2tpCodec.decode(out, SECRET))).message()).contains(m);
    }

    @Test
    void hiddenAvpBeforeAnyRandomVectorIsRejected() {
        byte[] bytes = GoldenBytes.hex("c8 02 00 1c 00 01 00 00 00 00 00 00 80 08 00 00 00 00 00 06"
                + " c0 08 00 00 00 09 00 01");

        assertThat(Decoding.fault(L2tpCodec.decode(ByteBuffer.wrap(bytes), SECRET)).kind())
                .isEqualTo(DecodeError.HIDDEN_AVP_WITHOUT_RANDOM_VECTOR);
    }

    @Test
    void encodingHiddenAvpsWithoutASecretIsAProgrammingError() {
        ControlMessage m = ControlMessage.builder(MessageType.HELLO).hidden(new Avp.VendorName("x")).build();

        assertThatThrownBy(() -> L2tpCodec.encodeControl(1, 0, 0, 0, m, null, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void avpsThatMustNotBeHiddenCannotBeFlaggedHidden() {
        assertThatThrownBy(() -> FlaggedAvp.hidden(new Avp.HostName("lac")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Host Name");
    }

    @Test
    void secretNeverPrints() {
        assertThat(SECRET.toString()).doesNotContain("s3cret").isEqualTo("HidingSecret[redacted]");
        assertThat(new Avp.ProxyAuthenResponse("hunter2".getBytes(StandardCharsets.US_ASCII)).toString())
                .doesNotContain("hunter2").doesNotContain("104");
    }

    @Test
    void destroyZeroesTheSecret() {
        HidingSecret s = HidingSecret.of(new byte[] {9, 9});

        s.destroy();

        assertThat(s.bytes()).containsExactly(0, 0);
    }
}
