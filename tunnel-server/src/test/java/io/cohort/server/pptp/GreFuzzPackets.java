package io.cohort.server.pptp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Enhanced GRE packets (RFC 2637 4.1) for PptpFuzzIT: well-formed ones carrying PPP frames a
 * server sees on a PPTP call (LCP, authentication, CCP, MPPE data, IPCP, clear IPv4,
 * acknowledgments alone), and damaged copies: the header's Ver, flag bits, K, Protocol Type,
 * Payload Length, Sequence and Acknowledgment Numbers at their edges, truncation, random tails, and
 * octets of the PPP frame. Deterministic for a given {@link Random}.
 */
final class GreFuzzPackets {
    /** PPP frames (RFC 1661 with FF 03, or with address and protocol compressed), hex. */
    private static final List<byte[]> FRAMES = hex(
            "ff03c021010100120104057805061122334407020802", // LCP Configure-Request: MRU, magic, PFC, ACFC
            "ff03c02109020008000000000102", // LCP Echo-Request
            "ff03c0210c03000c11223344616263", // LCP Identification (RFC 1570), Length one past its end
            "ff03c02108040006c223", // LCP Protocol-Reject
            "c021010500080304c223", // LCP without address and control
            "ff03c2230201001531" + "00112233445566778899aabbccddeeff", // MS-CHAPv2 Response, Value-Size past its end
            "ff03c0230101001005616c696365056f74686572", // PAP Authenticate-Request
            "ff0380fd0e010004", // CCP Reset-Request (RFC 3078 8)
            "ff0380fd0101000a120601000040", // CCP Configure-Request: MPPE 128, stateless
            "ff0300fd9005a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", // MPPE data
            "00fd1001ffeeddccbbaa99887766", // MPPE, protocol field compressed
            "ff0380210101001003060000000081060000000000", // IPCP Configure-Request
            "ff0300214500001c00010000400100000a6200020a6200010800f7ff00000000", // clear IPv4 ICMP echo
            "21450000140001000040010000", // IPv4, protocol field compressed
            "ff03", // address and control only
            "" // an acknowledgment, no payload
    );

    private static final List<byte[]> PAST_LCP = FRAMES.stream()
            .filter(f -> !(f.length >= 4 && (f[2] & 0xFF) == 0xC0 && f[3] == 0x21) && !(f.length >= 2
                    && (f[0] & 0xFF) == 0xC0 && f[1] == 0x21)).toList();

    private final Random random;
    private int chapIdentifier = -1;

    GreFuzzPackets(Random random) {
        this.random = random;
    }

    /** A well-formed packet to {@code callId} with a seed frame, sequence {@code seq} and maybe an acknowledgment. */
    byte[] packet(int callId, long seq) {
        return packet(callId, seq, FRAMES);
    }

    /**
     * As {@link #packet(int, long)} without LCP seeds: a link past LCP stays in its phase (an LCP
     * Configure-Request would restart negotiation, RFC 1661 4.3), so the damage reaches
     * authentication, CCP, MPPE and IPCP.
     */
    byte[] packetPastLcp(int callId, long seq) {
        return packet(callId, seq, PAST_LCP);
    }

    /**
     * CHAP packets carry {@code identifier} from now on: that of the server's Challenge, so that
     * a Response is not ignored but parsed (RFC 1994 4.1: it must match).
     */
    void answerChallenge(int identifier) {
        chapIdentifier = identifier;
    }

    private byte[] packet(int callId, long seq, List<byte[]> frames) {
        byte[] ppp = frames.get(random.nextInt(frames.size())).clone();
        if (chapIdentifier >= 0 && ppp.length > 5 && (ppp[2] & 0xFF) == 0xC2 && ppp[3] == 0x23) {
            ppp[5] = (byte) chapIdentifier;
        }
        if (ppp.length > 4 && random.nextBoolean()) {
            ppp[2 + random.nextInt(ppp.length - 2)] ^= (byte) (1 << random.nextInt(8)); // the frame damaged
        }
        OptionalLong ack = random.nextBoolean() ? OptionalLong.of(edge(random.nextLong(1L << 32)))
                : OptionalLong.empty();
        OptionalLong sequence = ppp.length == 0 && random.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(seq);
        return encode(callId, sequence, ack, ppp);
    }

    /** One to three kinds of header or payload damage. */
    byte[] damage(byte[] packet) {
        byte[] d = packet.clone();
        for (int round = 1 + random.nextInt(3); round > 0 && d.length >= 2; round--) {
            switch (random.nextInt(10)) {
                case 0 -> d[1] = (byte) ((d[1] & ~0x07) | random.nextInt(8)); // Ver
                case 1 -> d[0] ^= (byte) (1 << random.nextInt(8)); // C R K S s Recur
                case 2 -> d[1] ^= (byte) (0x08 << random.nextInt(5)); // Flags, A
                case 3 -> set16(d, 2, random.nextBoolean() ? 0x0800 : random.nextInt(0x10000)); // Protocol Type
                case 4 -> set16(d, 4, switch (random.nextInt(4)) { // Payload Length
                    case 0 -> 0;
                    case 1 -> 0xFFFF;
                    case 2 -> Math.max(0, d.length - headerLength(d) + random.nextInt(9) - 4);
                    default -> random.nextInt(0x10000);
                });
                case 5 -> { // Sequence or Acknowledgment Number to an edge value
                    if (d.length >= 12) {
                        set32(d, 8 + (d.length >= 16 && random.nextBoolean() ? 4 : 0), edge(random.nextLong(1L << 32)));
                    }
                }
                case 6 -> d = Arrays.copyOf(d, random.nextInt(d.length));
                case 7 -> {
                    byte[] tail = new byte[1 + random.nextInt(32)];
                    random.nextBytes(tail);
                    byte[] longer = Arrays.copyOf(d, d.length + tail.length);
                    System.arraycopy(tail, 0, longer, d.length, tail.length);
                    d = longer;
                }
                case 8 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                default -> { // a payload octet: the damage reaches PPP if the header stays good
                    int h = headerLength(d);
                    if (d.length > h) {
                        d[h + random.nextInt(d.length - h)] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return d;
    }

    /** Random octets, often starting like an enhanced GRE header. */
    byte[] garbage(int callId) {
        byte[] d = new byte[random.nextInt(80)];
        random.nextBytes(d);
        if (d.length >= 8 && random.nextBoolean()) {
            d[0] = (byte) (0x20 | (d[0] & 0x10));
            d[1] = (byte) (0x01 | (d[1] & 0x80));
            set16(d, 2, 0x880B);
            set16(d, 6, callId);
        }
        return d;
    }

    /** Sequence and acknowledgment numbers: often at the 32-bit edges or near the middle of the space. */
    private long edge(long any) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> 0x7FFF_FFFFL;
            case 3 -> 0x8000_0000L;
            default -> any;
        };
    }

    static byte[] encode(int callId, OptionalLong seq, OptionalLong ack, byte[] ppp) {
        int header = 8 + (seq.isPresent() ? 4 : 0) + (ack.isPresent() ? 4 : 0);
        byte[] d = new byte[header + ppp.length];
        d[0] = (byte) (0x20 | (seq.isPresent() ? 0x10 : 0));
        d[1] = (byte) (0x01 | (ack.isPresent() ? 0x80 : 0));
        set16(d, 2, 0x880B);
        set16(d, 4, seq.isPresent() ? ppp.length : 0);
        set16(d, 6, callId);
        seq.ifPresent(s -> set32(d, 8, s));
        ack.ifPresent(a -> set32(d, seq.isPresent() ? 12 : 8, a));
        System.arraycopy(ppp, 0, d, header, ppp.length);
        return d;
    }

    private static int headerLength(byte[] d) {
        return 8 + ((d[0] & 0x10) != 0 ? 4 : 0) + (d.length > 1 && (d[1] & 0x80) != 0 ? 4 : 0);
    }

    private static void set16(byte[] d, int at, int value) {
        if (at + 2 <= d.length) {
            d[at] = (byte) (value >>> 8);
            d[at + 1] = (byte) value;
        }
    }

    private static void set32(byte[] d, int at, long value) {
        if (at + 4 <= d.length) {
            for (int i = 0; i < 4; i++) {
                d[at + i] = (byte) (value >>> (24 - 8 * i));
            }
        }
    }

    private static List<byte[]> hex(String... frames) {
        return Arrays.stream(frames).map(HexFormat.of()::parseHex).toList();
    }
}
