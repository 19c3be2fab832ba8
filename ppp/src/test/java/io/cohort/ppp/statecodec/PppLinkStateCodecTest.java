package io.cohort.ppp.statecodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.ipcp.IpcpOpenedAddresses;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpOpenedOptions;
import io.cohort.ppp.mppe.MppeDecryptorState;
import io.cohort.ppp.mppe.MppeEncryptorState;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.wire.DecodeResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden bytes, refusals and sizes of {@link PppLinkStateCodec}. */
class PppLinkStateCodecTest {
    private static final byte[] MASTER_KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SEND_KEY = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    private static final byte[] RECEIVE_KEY_40 = HexFormat.of().parseHex("d1269e0102030405");

    /** An MS-CHAPv2 server's link with MPPE-128 stateless and one DNS server, no IPV6CP. */
    static PppLinkInitialState goldenInitial() {
        return new PppLinkInitialState(
                new LcpOpenedOptions(0x11223344, 0x55667788, 1400, true, false, Optional.of(AuthMethod.MSCHAP_V2),
                        Optional.empty()),
                Optional.of("alice"),
                new IpcpOpenedAddresses(ipv4("10.0.0.1"), ipv4("10.0.0.2"), true, List.of(ipv4("192.0.2.53"))),
                Optional.empty(), Optional.of(new MppeMode(MppeStrength.BITS_128, true)),
                Optional.of(new MppeKeyMaterial(MASTER_KEY)));
    }

    static final byte[] GOLDEN_INITIAL = HexFormat.of().parseHex(String.join("",
            "01",                                  // version 1
            "01",                                  // kind 1: initial state
            "11223344",                            // our Magic-Number
            "55667788",                            // peer's Magic-Number
            "0578",                                // peer's MRU 1400
            "01",                                  // flags: peer accepts PFC, not ACFC
            "01", "03",                            // we require authentication: MS-CHAPv2
            "00",                                  // the peer requires none
            "01", "0005", "616c696365",            // user present, 5 octets, "alice"
            "0a000001",                            // our address 10.0.0.1
            "0a000002",                            // peer's address 10.0.0.2
            "01",                                  // peer's address from our pool
            "01", "c0000235",                      // one DNS server, 192.0.2.53
            "00",                                  // no IPV6CP
            "01", "80", "01",                      // MPPE present, 128 bits, stateless
            "000102030405060708090a0b0c0d0e0f"));  // master key

    static PppLinkEssentialState goldenEssential() {
        return new PppLinkEssentialState(
                Optional.of(new MppeEncryptorState(0x012, SEND_KEY, 0x1234, false)),
                Optional.of(new MppeDecryptorState(0xFFF, RECEIVE_KEY_40, 0, true)));
    }

    static final byte[] GOLDEN_ESSENTIAL = HexFormat.of().parseHex(String.join("",
            "01",                                  // version 1
            "02",                                  // kind 2: essential state
            "01",                                  // MPPE present
            "0012",                                // sending: coherency count 0x012
            "0010",                                // session key of 16 octets
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",    // session key
            "0000000000001234",                    // RC4 offset 0x1234
            "00",                                  // no FLUSHED bit pending
            "0fff",                                // receiving: coherency count 4095
            "0008",                                // session key of 8 octets (40-bit)
            "d1269e0102030405",                    // session key
            "0000000000000000",                    // RC4 offset 0
            "01"));                                // discarding until a FLUSHED packet

    @Test
    void initialStateGoldenBytes() {
        assertThat(PppLinkStateCodec.encode(goldenInitial())).isEqualTo(GOLDEN_INITIAL);
        assertThat(PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(GOLDEN_INITIAL)))
                .isEqualTo(new DecodeResult.Decoded<>(goldenInitial()));
    }

    @Test
    void essentialStateGoldenBytes() {
        assertThat(PppLinkStateCodec.encode(goldenEssential())).isEqualTo(GOLDEN_ESSENTIAL);
        assertThat(PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(GOLDEN_ESSENTIAL)))
                .isEqualTo(new DecodeResult.Decoded<>(goldenEssential()));
    }

    @Test
    void aLinkWithoutMppeHasThreeOctetsOfEssentialState() {
        byte[] none = {0x01, 0x02, 0x00}; // version 1, kind 2, no MPPE
        assertThat(PppLinkStateCodec.encode(PppLinkEssentialState.NONE)).isEqualTo(none);
        assertThat(PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(none)))
                .isEqualTo(new DecodeResult.Decoded<>(PppLinkEssentialState.NONE));
    }

    @Test
    void refusalsAreTypedAndShowNoKey() {
        assertThat(error(PppLinkStateCodec.decodeEssential(ByteBuffer.allocate(0))))
                .isEqualTo(PppLinkStateDecodeError.TRUNCATED);
        assertThat(error(PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(GOLDEN_INITIAL))))
                .isEqualTo(PppLinkStateDecodeError.WRONG_KIND);
        assertThat(error(PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(with(GOLDEN_INITIAL, 0, 2)))))
                .isEqualTo(PppLinkStateDecodeError.UNSUPPORTED_VERSION);
        assertThat(error(PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(with(GOLDEN_INITIAL, 12, 0x04)))))
                .isEqualTo(PppLinkStateDecodeError.BAD_FLAG);
        assertThat(error(PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(with(GOLDEN_INITIAL, 14, 0x04)))))
                .isEqualTo(PppLinkStateDecodeError.UNKNOWN_CODE);
        assertThat(error(PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(with(GOLDEN_INITIAL, 19, 0xFF)))))
                .isEqualTo(PppLinkStateDecodeError.BAD_UTF8);
        assertThat(error(PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(with(GOLDEN_ESSENTIAL, 3, 0x10)))))
                .isEqualTo(PppLinkStateDecodeError.OUT_OF_RANGE);
        byte[] longer = java.util.Arrays.copyOf(GOLDEN_ESSENTIAL, GOLDEN_ESSENTIAL.length + 1);
        DecodeResult<PppLinkEssentialState, PppLinkStateDecodeError> trailing =
                PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(longer));
        assertThat(error(trailing)).isEqualTo(PppLinkStateDecodeError.TRAILING_OCTETS);
        assertThat(trailing.toString().toLowerCase()).doesNotContain("a0a1a2", "-96");
        assertThat(goldenEssential().toString()).doesNotContain("a0a1a2", "[-96");
    }

    @Test
    void decodingLeavesTheBufferAsItWas() {
        ByteBuffer buffer = ByteBuffer.allocate(GOLDEN_ESSENTIAL.length + 4);
        buffer.position(4);
        buffer.put(GOLDEN_ESSENTIAL).position(4);
        assertThat(PppLinkStateCodec.decodeEssential(buffer))
                .isEqualTo(new DecodeResult.Decoded<>(goldenEssential()));
        assertThat(buffer.position()).isEqualTo(4);
    }

    @Test
    void recordsTheFormatCannotHoldAreProgrammingErrors() {
        PppLinkInitialState g = goldenInitial();
        LcpOpenedOptions bigMru = new LcpOpenedOptions(0, 0, 0x10000, false, false, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> PppLinkStateCodec.encode(new PppLinkInitialState(bigMru, g.user(), g.ipcp(),
                g.ipv6cp(), g.mppeMode(), g.mppeKeys()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PppLinkStateCodec.encode(new PppLinkInitialState(g.lcp(), Optional.of("a\ud800"),
                g.ipcp(), g.ipv6cp(), g.mppeMode(), g.mppeKeys()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PppLinkStateCodec.encode(new PppLinkEssentialState(
                Optional.of(new MppeEncryptorState(0, new byte[12], 0, false)),
                Optional.of(new MppeDecryptorState(0, new byte[16], 0, false)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A typical steady-state session: an MS-CHAPv2 server's link with a 21-octet user name, two DNS
     * servers, IPV6CP and MPPE-128, both records. Replication targets 512 octets for a whole L2TP
     * session and 1 KiB for a PPTP one, the PPP link being part of either.
     */
    @Test
    void aTypicalSessionsStateSize() {
        PppLinkInitialState g = goldenInitial();
        PppLinkInitialState typical = new PppLinkInitialState(g.lcp(), Optional.of("alice.smith@corp.test"),
                new IpcpOpenedAddresses(ipv4("10.0.0.1"), ipv4("10.0.7.42"), true,
                        List.of(ipv4("192.0.2.53"), ipv4("192.0.2.54"))),
                Optional.of(new io.cohort.ppp.ipv6cp.Ipv6cpInterfaceIds(0x0211_22ff_fe33_4455L, 0x0a0b_0cff_fe0d_0e0fL)),
                g.mppeMode(), g.mppeKeys());
        int initial = PppLinkStateCodec.encode(typical).length;
        int essential = PppLinkStateCodec.encode(new PppLinkEssentialState(
                Optional.of(new MppeEncryptorState(1234, SEND_KEY, 5_000_000_000L, false)),
                Optional.of(new MppeDecryptorState(4000, SEND_KEY, 7_000_000_000L, false)))).length;
        System.out.printf("PPP link state of a typical session: initial %d octets, essential %d octets%n",
                initial, essential);
        assertThat(initial).isEqualTo(94);
        assertThat(essential).isEqualTo(61);
        assertThat(initial + essential).isLessThanOrEqualTo(192);
    }

    private static byte[] with(byte[] octets, int index, int value) {
        byte[] copy = octets.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static PppLinkStateDecodeError error(DecodeResult<?, PppLinkStateDecodeError> result) {
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed<?, PppLinkStateDecodeError>) result).error();
    }

    private static Inet4Address ipv4(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
