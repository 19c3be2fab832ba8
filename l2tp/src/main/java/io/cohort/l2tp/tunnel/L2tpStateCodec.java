package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ControlChannelEssentialState;
import io.cohort.l2tp.session.L2tpSessionDataSequence;
import io.cohort.l2tp.session.L2tpSessionEssentialState;
import io.cohort.l2tp.session.L2tpSessionInitialState;
import io.cohort.l2tp.session.SessionRole;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlMessageClearCodec;
import io.cohort.l2tp.wire.DecodeError;
import io.cohort.wire.DecodeResult;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The wire encoding of the replicated L2TP state records (patent figure 7: initial portion 702,
 * essential portion 701, and the lazily sent data sequence), sent between cluster members over an
 * encrypted channel. Binary, network byte order. Every record starts with
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version (1)  |     Kind      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * and ends with its last field: trailing octets are an error. Kind 1 to 5, in field order (u8,
 * u16, u32, u64 are unsigned big-endian integers; "flag" is an octet 0 or 1; "opt X" is a flag,
 * then X only if it is 1; "str" and "bytes" are a u16 length then that many octets, UTF-8 for
 * str; enums are the octet of their constant's position in the list given):
 *
 * <pre>
 * 1 L2tpTunnelInitialState (RFC 2661 7.2.1)
 *   u16 local Tunnel ID (1..65535) | u16 peer Tunnel ID | u8 role (0 LAC, 1 LNS)
 *   u8 address family (4 or 6) | 4 or 16 octets peer address (no IPv6 scope: it names an
 *     interface of the sending member) | u16 peer UDP port
 *   u16 peer Receive Window Size (1..65535, 4.4.3) | str peer Host Name (4.4.3)
 * 2 L2tpTunnelEssentialState (RFC 2661 7.2, 5.8)
 *   u8 state (0 IDLE, 1 WAIT_CTL_REPLY, 2 WAIT_CTL_CONN, 3 ESTABLISHED, 4 CLOSING, 5 CLOSED)
 *   u16 Ns | u16 Nr | u32 last Call Serial Number (4.4.5)
 *   opt bytes our Challenge (5.1.1; raw, a secret) | opt u64 Tie Breaker (4.4.3)
 *   u16 count, then that many unacknowledged messages, oldest first
 *   u16 count, then that many unsent messages, in sending order
 *   each message: u16 peer Session ID (0 for a tunnel message) | u16 length |
 *     its AVP list (RFC 2661 4.1, Message Type AVP first, values in the clear, H = hide when sent;
 *     see ControlMessageClearCodec)
 * 3 L2tpSessionInitialState (RFC 2661 7.4)
 *   u16 local Session ID (1..65535) | u16 peer Session ID | u8 role (0 LAC, 1 LNS)
 *   u32 Call Serial Number (4.4.5) | flag we asked for sequencing (4.4.6)
 * 4 L2tpSessionEssentialState (RFC 2661 7.4)
 *   u8 state (0 IDLE, 1 WAIT_REPLY, 2 WAIT_CONNECT, 3 ESTABLISHED, 4 CLOSED) | flag send sequenced
 *   opt Call Errors (6.13): u32 CRC, framing, hardware overruns, buffer overruns, time-out,
 *     alignment errors
 *   opt ACCM (6.14): u32 send ACCM | u32 receive ACCM
 * 5 L2tpSessionDataSequence (RFC 2661 5.4)
 *   u16 next Ns | u16 expected Ns
 * </pre>
 *
 * <p>{@link #decode} validates everything at this edge, never throws, and yields exactly the record
 * that was encoded; its error detail names fields, never their contents (the Challenge and hidden
 * AVPs are secrets). Encoders throw {@link IllegalArgumentException} only for a record that does not
 * fit the format (an unresolved address, a call serial beyond 32 bits, an oversized field).
 */
public final class L2tpStateCodec {
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    static final int KIND_TUNNEL_INITIAL = 1;
    static final int KIND_TUNNEL_ESSENTIAL = 2;
    static final int KIND_SESSION_INITIAL = 3;
    static final int KIND_SESSION_ESSENTIAL = 4;
    static final int KIND_SESSION_DATA_SEQUENCE = 5;

    private L2tpStateCodec() {}

    public static byte[] encode(L2tpTunnelInitialState s) {
        Out out = new Out(KIND_TUNNEL_INITIAL);
        out.u16(s.localTunnelId());
        out.u16(s.peerTunnelId());
        out.u8(s.role().ordinal());
        InetAddress address = s.peer().getAddress();
        if (address == null) {
            throw new IllegalArgumentException("peer address is unresolved");
        }
        byte[] raw = address.getAddress();
        out.u8(address instanceof Inet4Address ? 4 : 6);
        out.bytes(raw);
        out.u16(s.peer().getPort());
        out.u16(s.peerReceiveWindow());
        out.lengthPrefixed(s.peerHostName().getBytes(StandardCharsets.UTF_8), "peer host name");
        return out.toByteArray();
    }

    public static byte[] encode(L2tpTunnelEssentialState s) {
        Out out = new Out(KIND_TUNNEL_ESSENTIAL);
        out.u8(s.state().ordinal());
        ControlChannelEssentialState<PendingControlMessage> c = s.control();
        out.u16(c.ns());
        out.u16(c.nr());
        out.u32(s.lastCallSerialNumber(), "last call serial number");
        out.u8(s.ourChallenge().isPresent() ? 1 : 0);
        s.ourChallenge().ifPresent(ch -> out.lengthPrefixed(ch.value(), "challenge"));
        out.u8(s.tieBreaker().isPresent() ? 1 : 0);
        if (s.tieBreaker().isPresent()) {
            out.u64(s.tieBreaker().getAsLong());
        }
        messages(out, c.unacknowledged());
        messages(out, c.unsent());
        return out.toByteArray();
    }

    public static byte[] encode(L2tpSessionInitialState s) {
        Out out = new Out(KIND_SESSION_INITIAL);
        out.u16(s.localSessionId());
        out.u16(s.peerSessionId());
        out.u8(s.role().ordinal());
        out.u32(s.callSerialNumber(), "call serial number");
        out.u8(s.requestSequencing() ? 1 : 0);
        return out.toByteArray();
    }

    public static byte[] encode(L2tpSessionEssentialState s) {
        Out out = new Out(KIND_SESSION_ESSENTIAL);
        out.u8(s.state().ordinal());
        out.u8(s.sendSequenced() ? 1 : 0);
        out.u8(s.lastCallErrors().isPresent() ? 1 : 0);
        s.lastCallErrors().ifPresent(e -> {
            out.u32(e.crcErrors(), "CRC errors");
            out.u32(e.framingErrors(), "framing errors");
            out.u32(e.hardwareOverruns(), "hardware overruns");
            out.u32(e.bufferOverruns(), "buffer overruns");
            out.u32(e.timeoutErrors(), "time-out errors");
            out.u32(e.alignmentErrors(), "alignment errors");
        });
        out.u8(s.accm().isPresent() ? 1 : 0);
        s.accm().ifPresent(a -> {
            out.u32(Integer.toUnsignedLong(a.send()), "send ACCM");
            out.u32(Integer.toUnsignedLong(a.receive()), "receive ACCM");
        });
        return out.toByteArray();
    }

    public static byte[] encode(L2tpSessionDataSequence s) {
        Out out = new Out(KIND_SESSION_DATA_SEQUENCE);
        out.u16(s.nextNs());
        out.u16(s.expectedNs());
        return out.toByteArray();
    }

    private static void messages(Out out, List<PendingControlMessage> messages) {
        out.u16(messages.size());
        for (PendingControlMessage m : messages) {
            out.u16(m.peerSessionId());
            out.lengthPrefixed(ControlMessageClearCodec.encode(m.message()), "control message");
        }
    }

    /**
     * The record encoded from {@code encoded}'s position to its limit (neither is moved): one of
     * the five record types above.
     */
    public static DecodeResult<Record, L2tpStateDecodeError> decode(ByteBuffer octets) {
        ByteBuffer encoded = octets.duplicate().order(ByteOrder.BIG_ENDIAN);
        StateReader in = new StateReader(encoded, encoded.position(), encoded.limit());
        int version = in.u8("version");
        int kind = in.u8("kind");
        if (in.failed()) {
            return malformed(in);
        }
        if (version != VERSION) {
            return new DecodeResult.Malformed<>(L2tpStateDecodeError.UNSUPPORTED_VERSION, "version " + version);
        }
        Record r = switch (kind) {
            case KIND_TUNNEL_INITIAL -> tunnelInitial(in);
            case KIND_TUNNEL_ESSENTIAL -> tunnelEssential(encoded, in);
            case KIND_SESSION_INITIAL -> sessionInitial(in);
            case KIND_SESSION_ESSENTIAL -> sessionEssential(in);
            case KIND_SESSION_DATA_SEQUENCE -> dataSequence(in);
            default -> {
                in.fail(L2tpStateDecodeError.UNKNOWN_KIND, "kind " + kind);
                yield null;
            }
        };
        if (!in.failed() && in.remaining() != 0) {
            in.fail(L2tpStateDecodeError.TRAILING_OCTETS, in.remaining() + " octets after the record");
        }
        return in.failed() ? malformed(in) : new DecodeResult.Decoded<>(r);
    }

    /** {@link #decode}, accepting only a record of type {@code type}. */
    public static <T extends Record> DecodeResult<T, L2tpStateDecodeError> decode(ByteBuffer encoded,
            Class<T> type) {
        return switch (decode(encoded)) {
            case DecodeResult.Decoded<Record, L2tpStateDecodeError> d when type.isInstance(d.value()) ->
                    new DecodeResult.Decoded<>(type.cast(d.value()));
            case DecodeResult.Decoded<Record, L2tpStateDecodeError> d -> new DecodeResult.Malformed<>(
                    L2tpStateDecodeError.UNKNOWN_KIND, d.value().getClass().getSimpleName() + ", not "
                            + type.getSimpleName());
            case DecodeResult.Malformed<Record, L2tpStateDecodeError> m ->
                    new DecodeResult.Malformed<>(m.error(), m.detail());
        };
    }

    private static L2tpTunnelInitialState tunnelInitial(StateReader in) {
        int local = in.u16("local tunnel ID", 1);
        int peerId = in.u16("peer tunnel ID");
        TunnelRole role = in.enumOctet("role", TunnelRole.values());
        int family = in.u8("address family");
        if (!in.failed() && family != 4 && family != 6) {
            in.fail(L2tpStateDecodeError.OUT_OF_RANGE, "address family " + family);
        }
        byte[] raw = in.octets(family == 4 ? 4 : 16, "peer address");
        int port = in.u16("peer port");
        int window = in.u16("peer receive window", 1);
        String host = in.utf8("peer host name");
        if (in.failed()) {
            return null;
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            in.fail(L2tpStateDecodeError.OUT_OF_RANGE, "peer address of " + raw.length + " octets");
            return null;
        }
        return new L2tpTunnelInitialState(local, peerId, new InetSocketAddress(address, port), role, host, window);
    }

    private static L2tpTunnelEssentialState tunnelEssential(ByteBuffer encoded, StateReader in) {
        TunnelState state = in.enumOctet("tunnel state", TunnelState.values());
        int ns = in.u16("Ns");
        int nr = in.u16("Nr");
        long serial = in.u32("last call serial number");
        Optional<Avp.Challenge> challenge = in.flag("challenge presence")
                ? Optional.of(new Avp.Challenge(in.lengthPrefixed("challenge"))) : Optional.empty();
        OptionalLong tieBreaker = in.flag("tie breaker presence")
                ? OptionalLong.of(in.u64("tie breaker")) : OptionalLong.empty();
        List<PendingControlMessage> unacknowledged = messages(encoded, in, "unacknowledged");
        List<PendingControlMessage> unsent = messages(encoded, in, "unsent");
        if (in.failed()) {
            return null;
        }
        return new L2tpTunnelEssentialState(state,
                new ControlChannelEssentialState<>(ns, nr, unacknowledged, unsent), serial, challenge, tieBreaker);
    }

    private static List<PendingControlMessage> messages(ByteBuffer encoded, StateReader in, String list) {
        int count = in.u16(list + " count");
        List<PendingControlMessage> out = new ArrayList<>();
        for (int i = 0; i < count && !in.failed(); i++) {
            int session = in.u16(list + " message session ID");
            int length = in.u16(list + " message length");
            if (in.failed()) {
                break;
            }
            if (length > in.remaining()) {
                in.fail(L2tpStateDecodeError.TRUNCATED, list + " message of " + length + " octets, "
                        + in.remaining() + " left");
                break;
            }
            int at = in.position();
            in.skip(length);
            switch (ControlMessageClearCodec.decode(encoded, at, at + length)) {
                case DecodeResult.Decoded<ControlMessage, DecodeError> d ->
                        out.add(new PendingControlMessage(session, d.value()));
                case DecodeResult.Malformed<ControlMessage, DecodeError> m ->
                        in.fail(L2tpStateDecodeError.BAD_CONTROL_MESSAGE, list + " message " + i + ": "
                                + m.error() + ", " + m.detail());
            }
        }
        return out;
    }

    private static L2tpSessionInitialState sessionInitial(StateReader in) {
        int local = in.u16("local session ID", 1);
        int peer = in.u16("peer session ID");
        SessionRole role = in.enumOctet("role", SessionRole.values());
        long serial = in.u32("call serial number");
        boolean sequencing = in.flag("request sequencing");
        return in.failed() ? null : new L2tpSessionInitialState(local, peer, role, serial, sequencing);
    }

    private static L2tpSessionEssentialState sessionEssential(StateReader in) {
        SessionState state = in.enumOctet("session state", SessionState.values());
        boolean sequenced = in.flag("send sequenced");
        Optional<Avp.CallErrors> errors = Optional.empty();
        if (in.flag("call errors presence")) {
            long crc = in.u32("CRC errors");
            long framing = in.u32("framing errors");
            long hardware = in.u32("hardware overruns");
            long buffer = in.u32("buffer overruns");
            long timeout = in.u32("time-out errors");
            long alignment = in.u32("alignment errors");
            errors = Optional.of(new Avp.CallErrors(crc, framing, hardware, buffer, timeout, alignment));
        }
        Optional<Avp.Accm> accm = Optional.empty();
        if (in.flag("ACCM presence")) {
            long send = in.u32("send ACCM");
            long receive = in.u32("receive ACCM");
            accm = Optional.of(new Avp.Accm((int) send, (int) receive));
        }
        return in.failed() ? null : new L2tpSessionEssentialState(state, sequenced, errors, accm);
    }

    private static L2tpSessionDataSequence dataSequence(StateReader in) {
        int next = in.u16("next Ns");
        int expected = in.u16("expected Ns");
        return in.failed() ? null : new L2tpSessionDataSequence(next, expected);
    }

    private static <T> DecodeResult<T, L2tpStateDecodeError> malformed(StateReader in) {
        return new DecodeResult.Malformed<>(in.error(), in.detail());
    }

    /** The octets of one record being encoded, after its version and kind. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

        Out(int kind) {
            u8(VERSION);
            u8(kind);
        }

        void u8(int v) {
            bytes.write(v);
        }

        void u16(int v) {
            bytes.write(v >>> 8);
            bytes.write(v);
        }

        void u32(long v, String field) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(field + " does not fit 32 bits: " + v);
            }
            u16((int) (v >>> 16));
            u16((int) v & 0xFFFF);
        }

        void u64(long v) {
            u32(v >>> 32, "high half");
            u32(v & 0xFFFF_FFFFL, "low half");
        }

        void bytes(byte[] b) {
            bytes.writeBytes(b);
        }

        void lengthPrefixed(byte[] b, String field) {
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException(field + " longer than 65535 octets: " + b.length);
            }
            u16(b.length);
            bytes(b);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
