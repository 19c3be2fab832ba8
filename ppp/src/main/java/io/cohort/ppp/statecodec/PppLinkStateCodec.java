package io.cohort.ppp.statecodec;

import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.ipcp.IpcpOpenedAddresses;
import io.cohort.ppp.ipv6cp.Ipv6cpInterfaceIds;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpOpenedOptions;
import io.cohort.ppp.mppe.MppeCipherPosition;
import io.cohort.ppp.mppe.MppeDecryptorState;
import io.cohort.ppp.mppe.MppeEncryptorState;
import io.cohort.ppp.mppe.MppeHeader;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.wire.DecodeResult;
import io.cohort.wire.FieldRange;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The octets of a PPP link's state records as members replicate them (patent, figure 7): the
 * {@link PppLinkInitialState}, sent once when the link is up, and the {@link PppLinkEssentialState},
 * sent on each change. Network byte order; every record starts with the format version (1) and its
 * kind. A presence octet (0 absent, 1 present) precedes each optional field, and its contents follow
 * only when it is 1. Fields in parentheses below are present only as their presence octet says.
 *
 * <pre>
 * Initial state (kind 1): 28 octets with no optional field and no DNS server; 94 for an MS-CHAPv2
 * link with a 21-octet user name, two DNS servers, IPV6CP and MPPE:
 *  octets  field
 *    1     Version = 1
 *    1     Kind = 1
 *    4     Our Magic-Number (RFC 1661 6.4; 0 if the peer rejected it)
 *    4     Peer's Magic-Number
 *    2     Peer's MRU (RFC 1661 6.1)
 *    1     LCP flags: bit 0 (0x01) the peer accepts Protocol-Field-Compression (RFC 1661 6.5),
 *          bit 1 (0x02) it accepts Address-and-Control-Field-Compression (6.6); the rest 0
 *    1     We-require-authentication presence
 *   (1)    Authentication method (RFC 1661 6.2): 1 PAP (RFC 1334), 2 CHAP with MD5 (RFC 1994),
 *          3 MS-CHAPv2 (RFC 2759)
 *    1     Peer-requires-authentication presence
 *   (1)    Authentication method, as above
 *    1     User presence
 *   (2)    User name length n
 *   (n)    User name, UTF-8 (RFC 1334 2.2.1, RFC 1994 4.1, RFC 2759 4)
 *    4     IPCP: our IPv4 address (RFC 1332 3.3)
 *    4     IPCP: the peer's IPv4 address
 *    1     Peer's address taken from our pool: 0 or 1
 *    1     DNS server count c, 0 to 2 (RFC 1877 1.1, 1.3)
 *   4c     DNS servers' IPv4 addresses, primary first
 *    1     IPV6CP presence
 *   (8)    Our interface identifier (RFC 5072 4.1)
 *   (8)    The peer's interface identifier
 *    1     MPPE presence
 *   (1)    Strength, as key bits (RFC 3078 2): 40, 56 or 128
 *   (1)    Stateless (RFC 3078 2, the H bit): 0 or 1
 *  (16)    Master key (RFC 3079 3.4), raw
 *
 * Essential state (kind 2), 3 octets without MPPE, 61 with MPPE-128:
 *  octets  field
 *    1     Version = 1
 *    1     Kind = 2
 *    1     MPPE presence; if 1, the sending direction then the receiving direction, each:
 *   (2)    Coherency count of the last packet, 0 to 4095 (RFC 3078 3.1, 8.1)
 *   (2)    Session key length n: 8 (40- and 56-bit keys) or 16 (128-bit keys, RFC 3079 3)
 *   (n)    Current session key (RFC 3078 7.3), raw
 *   (8)    RC4 octets used since the tables were keyed with it, 0 to 2^63-1
 *   (1)    Sending: FLUSHED bit pending (RFC 3078 8.2); receiving: discarding until a FLUSHED
 *          packet (8.2). 0 or 1
 * </pre>
 *
 * <p>The decoders take the buffer's remaining octets as one record (no trailing octets), check
 * every length, range and code once, never throw, and return exactly the record that was encoded.
 * The keys are written raw, since the replication channel encrypts; no error detail shows them.
 * Encoding a record that this format cannot hold (an MRU over 16 bits, a user name over 65535
 * octets or with an unpaired surrogate, a session key neither 8 nor 16 octets) is a programming
 * error and throws {@link IllegalArgumentException}.
 */
public final class PppLinkStateCodec {
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    /** Record kind of a {@link PppLinkInitialState}. */
    public static final int KIND_INITIAL = 1;
    /** Record kind of a {@link PppLinkEssentialState}. */
    public static final int KIND_ESSENTIAL = 2;

    private static final int FLAG_PFC = 0x01;
    private static final int FLAG_ACFC = 0x02;
    private static final int MASTER_KEY_LENGTH = 16;

    private PppLinkStateCodec() {}

    // ---- initial state ----

    /** The octets of an initial state record. */
    public static byte[] encode(PppLinkInitialState state) {
        LcpOpenedOptions lcp = state.lcp();
        FieldRange.u16("peer MRU", lcp.peerMru());
        byte[] user = state.user().map(PppLinkStateCodec::utf8).orElse(null);
        if (user != null) {
            FieldRange.u16("user name length", user.length);
        }
        IpcpOpenedAddresses ipcp = state.ipcp();
        int size = 2 + 4 + 4 + 2 + 1
                + 1 + (lcp.weRequireAuth().isPresent() ? 1 : 0)
                + 1 + (lcp.peerRequiresAuth().isPresent() ? 1 : 0)
                + 1 + (user == null ? 0 : 2 + user.length)
                + 4 + 4 + 1 + 1 + 4 * ipcp.dnsServers().size()
                + 1 + (state.ipv6cp().isPresent() ? 16 : 0)
                + 1 + (state.mppeMode().isPresent() ? 2 + MASTER_KEY_LENGTH : 0);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION).put((byte) KIND_INITIAL);
        out.putInt(lcp.ourMagic()).putInt(lcp.peerMagic()).putShort((short) lcp.peerMru());
        out.put((byte) ((lcp.peerAcceptsPfc() ? FLAG_PFC : 0) | (lcp.peerAcceptsAcfc() ? FLAG_ACFC : 0)));
        putAuth(out, lcp.weRequireAuth());
        putAuth(out, lcp.peerRequiresAuth());
        out.put(presence(user != null));
        if (user != null) {
            out.putShort((short) user.length).put(user);
        }
        out.put(ipcp.ourAddress().getAddress()).put(ipcp.peerAddress().getAddress());
        out.put(bool(ipcp.peerAddressFromPool())).put((byte) ipcp.dnsServers().size());
        ipcp.dnsServers().forEach(a -> out.put(a.getAddress()));
        out.put(presence(state.ipv6cp().isPresent()));
        state.ipv6cp().ifPresent(ids -> out.putLong(ids.ours()).putLong(ids.peer()));
        out.put(presence(state.mppeMode().isPresent()));
        if (state.mppeMode().isPresent()) {
            MppeMode mode = state.mppeMode().get();
            out.put((byte) strengthBits(mode.strength())).put(bool(mode.stateless()));
            byte[] master = state.mppeKeys().orElseThrow().masterKey();
            out.put(master);
            Arrays.fill(master, (byte) 0);
        }
        return out.array();
    }

    /** The initial state record in {@code octets}' remaining octets; the buffer is left as it was. */
    public static DecodeResult<PppLinkInitialState, PppLinkStateDecodeError> decodeInitial(ByteBuffer octets) {
        ByteBuffer in = octets.duplicate().order(ByteOrder.BIG_ENDIAN);
        try {
            header(in, KIND_INITIAL);
            int ourMagic = in.getInt();
            int peerMagic = in.getInt();
            int peerMru = Short.toUnsignedInt(in.getShort());
            int flags = Byte.toUnsignedInt(in.get());
            if ((flags & ~(FLAG_PFC | FLAG_ACFC)) != 0) {
                throw new Rejected(PppLinkStateDecodeError.BAD_FLAG, "undefined LCP flag bits 0x" + Integer.toHexString(flags));
            }
            Optional<AuthMethod> weRequire = auth(in, "we-require-authentication");
            Optional<AuthMethod> peerRequires = auth(in, "peer-requires-authentication");
            LcpOpenedOptions lcp = new LcpOpenedOptions(ourMagic, peerMagic, peerMru, (flags & FLAG_PFC) != 0,
                    (flags & FLAG_ACFC) != 0, weRequire, peerRequires);
            Optional<String> user = Optional.empty();
            if (present(in, "user")) {
                user = Optional.of(utf8(in, Short.toUnsignedInt(in.getShort())));
            }
            Inet4Address ours = ipv4(in);
            Inet4Address peer = ipv4(in);
            boolean fromPool = flag(in, "peer address from pool");
            int dnsCount = Byte.toUnsignedInt(in.get());
            if (dnsCount > 2) {
                throw new Rejected(PppLinkStateDecodeError.OUT_OF_RANGE, "DNS server count " + dnsCount + " over 2");
            }
            List<Inet4Address> dns = new ArrayList<>(dnsCount);
            for (int i = 0; i < dnsCount; i++) {
                dns.add(ipv4(in));
            }
            IpcpOpenedAddresses ipcp = new IpcpOpenedAddresses(ours, peer, fromPool, dns);
            Optional<Ipv6cpInterfaceIds> ipv6cp = Optional.empty();
            if (present(in, "IPV6CP")) {
                ipv6cp = Optional.of(new Ipv6cpInterfaceIds(in.getLong(), in.getLong()));
            }
            Optional<MppeMode> mode = Optional.empty();
            Optional<MppeKeyMaterial> keys = Optional.empty();
            if (present(in, "MPPE")) {
                mode = Optional.of(new MppeMode(strength(Byte.toUnsignedInt(in.get())), flag(in, "MPPE stateless")));
                byte[] master = new byte[MASTER_KEY_LENGTH];
                in.get(master);
                keys = Optional.of(new MppeKeyMaterial(master));
                Arrays.fill(master, (byte) 0);
            }
            end(in);
            return new DecodeResult.Decoded<>(new PppLinkInitialState(lcp, user, ipcp, ipv6cp, mode, keys));
        } catch (Rejected r) {
            return new DecodeResult.Malformed<>(r.error, r.detail);
        } catch (BufferUnderflowException e) {
            return new DecodeResult.Malformed<>(PppLinkStateDecodeError.TRUNCATED,
                    "initial state ends early, at octet " + in.position() + " of " + in.limit());
        }
    }

    // ---- essential state ----

    /** The octets of an essential state record. */
    public static byte[] encode(PppLinkEssentialState state) {
        if (state.mppeSend().isEmpty()) {
            return new byte[] {VERSION, KIND_ESSENTIAL, 0};
        }
        MppeEncryptorState send = state.mppeSend().get();
        MppeDecryptorState receive = state.mppeReceive().orElseThrow();
        int size = 3 + positionSize(send.position()) + 1 + positionSize(receive.position()) + 1;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION).put((byte) KIND_ESSENTIAL).put(presence(true));
        putPosition(out, send.position());
        out.put(bool(send.flushPending()));
        putPosition(out, receive.position());
        out.put(bool(receive.awaitingFlush()));
        return out.array();
    }

    /** The essential state record in {@code octets}' remaining octets; the buffer is left as it was. */
    public static DecodeResult<PppLinkEssentialState, PppLinkStateDecodeError> decodeEssential(ByteBuffer octets) {
        ByteBuffer in = octets.duplicate().order(ByteOrder.BIG_ENDIAN);
        try {
            header(in, KIND_ESSENTIAL);
            PppLinkEssentialState state = PppLinkEssentialState.NONE;
            if (present(in, "MPPE")) {
                MppeEncryptorState send = new MppeEncryptorState(position(in, "sending"), flag(in, "flush pending"));
                MppeDecryptorState receive = new MppeDecryptorState(position(in, "receiving"),
                        flag(in, "awaiting flush"));
                state = new PppLinkEssentialState(Optional.of(send), Optional.of(receive));
            }
            end(in);
            return new DecodeResult.Decoded<>(state);
        } catch (Rejected r) {
            return new DecodeResult.Malformed<>(r.error, r.detail);
        } catch (BufferUnderflowException e) {
            return new DecodeResult.Malformed<>(PppLinkStateDecodeError.TRUNCATED,
                    "essential state ends early, at octet " + in.position() + " of " + in.limit());
        }
    }

    private static int positionSize(MppeCipherPosition p) {
        return 2 + 2 + sessionKeyLength(p) + 8;
    }

    private static int sessionKeyLength(MppeCipherPosition p) {
        byte[] key = p.sessionKey();
        int n = key.length;
        Arrays.fill(key, (byte) 0);
        if (!isSessionKeyLength(n)) {
            throw new IllegalArgumentException("session key of " + n + " octets, not 8 or 16");
        }
        return n;
    }

    private static void putPosition(ByteBuffer out, MppeCipherPosition p) {
        byte[] key = p.sessionKey();
        out.putShort((short) p.coherencyCount()).putShort((short) key.length).put(key).putLong(p.keystreamOffset());
        Arrays.fill(key, (byte) 0);
    }

    private static MppeCipherPosition position(ByteBuffer in, String direction) throws Rejected {
        int count = Short.toUnsignedInt(in.getShort());
        if (count >= MppeHeader.COUNT_SPACE) {
            throw new Rejected(PppLinkStateDecodeError.OUT_OF_RANGE, direction + " coherency count " + count + " over 4095");
        }
        int keyLength = Short.toUnsignedInt(in.getShort());
        if (!isSessionKeyLength(keyLength)) {
            throw new Rejected(PppLinkStateDecodeError.OUT_OF_RANGE,
                    direction + " session key length " + keyLength + ", not 8 or 16");
        }
        byte[] key = new byte[keyLength];
        in.get(key);
        long offset = in.getLong();
        try {
            if (offset < 0) {
                throw new Rejected(PppLinkStateDecodeError.OUT_OF_RANGE, direction + " RC4 offset over 2^63-1");
            }
            return new MppeCipherPosition(count, key, offset);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static boolean isSessionKeyLength(int n) {
        return n == MppeStrength.BITS_40.keyLength() || n == MppeStrength.BITS_128.keyLength();
    }

    // ---- shared fields ----

    private static void header(ByteBuffer in, int kind) throws Rejected {
        int version = Byte.toUnsignedInt(in.get());
        if (version != VERSION) {
            throw new Rejected(PppLinkStateDecodeError.UNSUPPORTED_VERSION, "format version " + version);
        }
        int actual = Byte.toUnsignedInt(in.get());
        if (actual != kind) {
            throw new Rejected(PppLinkStateDecodeError.WRONG_KIND, "record kind " + actual + ", expected " + kind);
        }
    }

    private static void end(ByteBuffer in) throws Rejected {
        if (in.hasRemaining()) {
            throw new Rejected(PppLinkStateDecodeError.TRAILING_OCTETS, in.remaining() + " octets after the record");
        }
    }

    private static boolean present(ByteBuffer in, String field) throws Rejected {
        return flag(in, field + " presence");
    }

    private static boolean flag(ByteBuffer in, String field) throws Rejected {
        int v = Byte.toUnsignedInt(in.get());
        if (v > 1) {
            throw new Rejected(PppLinkStateDecodeError.BAD_FLAG, field + " octet " + v + ", not 0 or 1");
        }
        return v == 1;
    }

    private static byte presence(boolean present) {
        return bool(present);
    }

    private static byte bool(boolean b) {
        return (byte) (b ? 1 : 0);
    }

    private static void putAuth(ByteBuffer out, Optional<AuthMethod> method) {
        out.put(presence(method.isPresent()));
        method.ifPresent(m -> out.put((byte) switch (m) {
            case PAP -> 1;
            case CHAP_MD5 -> 2;
            case MSCHAP_V2 -> 3;
        }));
    }

    private static Optional<AuthMethod> auth(ByteBuffer in, String field) throws Rejected {
        if (!present(in, field)) {
            return Optional.empty();
        }
        int code = Byte.toUnsignedInt(in.get());
        return Optional.of(switch (code) {
            case 1 -> AuthMethod.PAP;
            case 2 -> AuthMethod.CHAP_MD5;
            case 3 -> AuthMethod.MSCHAP_V2;
            default -> throw new Rejected(PppLinkStateDecodeError.UNKNOWN_CODE, field + " method " + code);
        });
    }

    private static int strengthBits(MppeStrength s) {
        return switch (s) {
            case BITS_40 -> 40;
            case BITS_56 -> 56;
            case BITS_128 -> 128;
        };
    }

    private static MppeStrength strength(int bits) throws Rejected {
        return switch (bits) {
            case 40 -> MppeStrength.BITS_40;
            case 56 -> MppeStrength.BITS_56;
            case 128 -> MppeStrength.BITS_128;
            default -> throw new Rejected(PppLinkStateDecodeError.UNKNOWN_CODE, "MPPE strength " + bits + " bits");
        };
    }

    private static Inet4Address ipv4(ByteBuffer in) {
        byte[] a = new byte[4];
        in.get(a);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("user name is not valid Unicode (an unpaired surrogate)", e);
        }
    }

    private static String utf8(ByteBuffer in, int length) throws Rejected {
        if (in.remaining() < length) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new Rejected(PppLinkStateDecodeError.BAD_UTF8, "user name of " + length + " octets is not UTF-8");
        }
    }

    /** A refusal, carried from the field that found it to the decoder's result. */
    private static final class Rejected extends Exception {
        private final PppLinkStateDecodeError error;
        private final String detail;

        Rejected(PppLinkStateDecodeError error, String detail) {
            super(detail, null, false, false);
            this.error = error;
            this.detail = detail;
        }
    }
}
