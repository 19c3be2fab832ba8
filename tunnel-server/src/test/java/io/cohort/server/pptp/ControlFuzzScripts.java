package io.cohort.server.pptp;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.PptpCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What one fuzz connection to the PPTP control port sends (RFC 2637 sections 1.4, 2 and 3): message
 * sequences built with the codec, valid ones and ones with damage at the framing layer (bit
 * flips, truncation, Length, Magic Cookie, PPTP and Control Message Type), at the field layer
 * (reserved octets, text without NUL, phone number lengths, versions) and at the state layer
 * (messages out of order, a PAC's replies, calls beyond the limit, duplicate and unknown Call
 * IDs, messages after the server stopped the connection). Deterministic for a given {@link Random}.
 */
final class ControlFuzzScripts {
    /** How the script's octets are damaged. */
    enum Kind {
        DAMAGED_START, DAMAGED_AFTER_START, OUT_OF_STATE, UNKNOWN_TYPE, WRONG_LENGTH, HUGE_LENGTH, BAD_COOKIE,
        GARBAGE, CALLS, AFTER_STOP, VERSIONS, TRUNCATED
    }

    /** How the connection ends once the octets are written. */
    enum Ending {
        /** FIN, then read until the server closes. */
        FIN,
        /** A reset (SO_LINGER 0), whatever is still in flight. */
        RESET
    }

    /** One connection: its octets in the chunks they are written in. */
    record Script(Kind kind, List<byte[]> chunks, Ending ending) {
        int length() {
            return chunks.stream().mapToInt(c -> c.length).sum();
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final ControlMessageType[] TYPES = ControlMessageType.values();
    /** Messages the server (the PAC) sends or answers with; from a PNS they are out of place (3). */
    private static final List<ControlMessageType> PAC_ONLY = List.of(ControlMessageType.START_CONTROL_CONNECTION_REPLY,
            ControlMessageType.OUTGOING_CALL_REPLY, ControlMessageType.INCOMING_CALL_REPLY,
            ControlMessageType.INCOMING_CALL_CONNECTED, ControlMessageType.STOP_CONTROL_CONNECTION_REPLY,
            ControlMessageType.START_CONTROL_CONNECTION_REQUEST);
    /** Messages legal once established (3.1.2, 3.2.4.1). */
    private static final List<ControlMessageType> ESTABLISHED = List.of(ControlMessageType.ECHO_REQUEST,
            ControlMessageType.ECHO_REPLY, ControlMessageType.OUTGOING_CALL_REQUEST,
            ControlMessageType.INCOMING_CALL_REQUEST, ControlMessageType.CALL_CLEAR_REQUEST,
            ControlMessageType.CALL_DISCONNECT_NOTIFY, ControlMessageType.WAN_ERROR_NOTIFY,
            ControlMessageType.SET_LINK_INFO);

    private final Random random;
    private final Set<Integer> takenPeerCallIds;

    /**
     * @param takenPeerCallIds Call IDs that other PNSs on the same host use: the scripts' calls do
     *                         not take them, since the server's GRE to such a call would reach
     *                         those PNSs too (GRE from the server is told apart by Call ID alone)
     */
    ControlFuzzScripts(Random random, Set<Integer> takenPeerCallIds) {
        this.random = random;
        this.takenPeerCallIds = Set.copyOf(takenPeerCallIds);
    }

    Script next() {
        Kind kind = KINDS[random.nextInt(KINDS.length)];
        List<byte[]> messages = switch (kind) {
            case DAMAGED_START -> List.of(damage(bytes(sccrq())), bytes(anyEstablished()));
            case DAMAGED_AFTER_START -> {
                List<byte[]> m = established(1 + random.nextInt(6));
                int at = 1 + random.nextInt(m.size() - 1);
                m.set(at, damage(m.get(at)));
                yield m;
            }
            case OUT_OF_STATE -> random.nextBoolean()
                    ? List.of(bytes(message(TYPES[random.nextInt(TYPES.length)])), bytes(sccrq()))
                    : withStart(bytes(message(PAC_ONLY.get(random.nextInt(PAC_ONLY.size())))),
                            bytes(anyEstablished()));
            case UNKNOWN_TYPE -> withStart(field(bytes(anyEstablished()), 8, random.nextBoolean()
                    ? random.nextInt(16, 0x10000) : 0));
            case WRONG_LENGTH -> withStart(field(bytes(anyEstablished()), 0, switch (random.nextInt(4)) {
                case 0 -> random.nextInt(16);
                case 1 -> TYPES[random.nextInt(TYPES.length)].length();
                case 2 -> 16 + random.nextInt(205);
                default -> 0;
            }));
            case HUGE_LENGTH -> withStart(field(bytes(anyEstablished()), 0, random.nextInt(221, 0x10000)));
            case BAD_COOKIE -> {
                byte[] m = bytes(random.nextBoolean() ? sccrq() : anyEstablished());
                m[4 + random.nextInt(4)] ^= (byte) (1 + random.nextInt(255));
                yield random.nextBoolean() ? List.of(m) : withStart(m);
            }
            case GARBAGE -> {
                byte[] g = new byte[1 + random.nextInt(400)];
                random.nextBytes(g);
                if (g.length >= 8 && random.nextBoolean()) { // a plausible header, garbage after it
                    System.arraycopy(bytes(message(TYPES[random.nextInt(TYPES.length)])), 0, g, 0, 8);
                }
                yield random.nextBoolean() ? List.of(g) : withStart(g);
            }
            case CALLS -> calls();
            case AFTER_STOP -> afterStop();
            case VERSIONS -> versions();
            case TRUNCATED -> {
                List<byte[]> m = established(1 + random.nextInt(4));
                byte[] last = m.getLast();
                m.set(m.size() - 1, Arrays.copyOf(last, random.nextInt(last.length)));
                yield m;
            }
        };
        return new Script(kind, chunk(concat(messages)), random.nextInt(8) == 0 ? Ending.RESET : Ending.FIN);
    }

    /** A half message: a header, or a header and part of a body; then the peer goes silent. */
    byte[] halfMessage() {
        byte[] m = bytes(random.nextBoolean() ? sccrq() : message(TYPES[random.nextInt(TYPES.length)]));
        return Arrays.copyOf(m, 1 + random.nextInt(m.length - 1));
    }

    static ControlMessage.StartControlConnectionRequest sccrq() {
        return new ControlMessage.StartControlConnectionRequest(ControlMessage.PROTOCOL_VERSION, 1, 1, 0, 1, "fuzz",
                "PptpFuzzIT");
    }

    static byte[] bytes(ControlMessage m) {
        ByteBuffer b = PptpCodec.encode(m);
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }

    private List<byte[]> withStart(byte[]... after) {
        List<byte[]> m = new ArrayList<>();
        m.add(bytes(sccrq()));
        m.addAll(List.of(after));
        return m;
    }

    /** A Start-Control-Connection-Request and {@code n} messages legal once established. */
    private List<byte[]> established(int n) {
        List<byte[]> m = new ArrayList<>();
        m.add(bytes(sccrq()));
        for (int i = 0; i < n; i++) {
            m.add(bytes(anyEstablished()));
        }
        return m;
    }

    /** Up to 20 Outgoing-Call-Requests (16 per connection are allowed), then clears, notifies and echoes. */
    private List<byte[]> calls() {
        List<byte[]> m = new ArrayList<>();
        m.add(bytes(sccrq()));
        List<Integer> peerCallIds = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            int id = !peerCallIds.isEmpty() && random.nextInt(6) == 0 ? peerCallIds.getFirst() : freePeerCallId();
            peerCallIds.add(id);
            m.add(bytes(outgoingCallRequest(id)));
            if (random.nextInt(3) == 0) {
                m.add(bytes(anyEstablished()));
            }
        }
        for (int id : peerCallIds) {
            switch (random.nextInt(4)) {
                case 0 -> m.add(bytes(new ControlMessage.CallClearRequest(id)));
                case 1 -> m.add(bytes(new ControlMessage.CallDisconnectNotify(id, random.nextInt(256), 0, 0, "")));
                case 2 -> m.add(bytes(new ControlMessage.SetLinkInfo(random.nextInt(0x10000), random.nextLong(1L << 32),
                        random.nextLong(1L << 32))));
                default -> { }
            }
        }
        if (random.nextBoolean()) {
            m.add(bytes(new ControlMessage.StopControlConnectionRequest(random.nextInt(256))));
        }
        return m;
    }

    /** A message illegal once established makes the server stop (3.1.2): then more of everything. */
    private List<byte[]> afterStop() {
        List<byte[]> m = established(random.nextInt(3));
        m.add(bytes(message(PAC_ONLY.get(random.nextInt(PAC_ONLY.size())))));
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            byte[] next = bytes(message(TYPES[random.nextInt(TYPES.length)]));
            m.add(random.nextInt(4) == 0 ? damage(next) : next);
        }
        if (random.nextBoolean()) {
            m.add(bytes(new ControlMessage.StopControlConnectionReply(random.nextInt(256), 0)));
        }
        return m;
    }

    /** Protocol versions below, at and above 1.0 (3.1.2: a later version is answered with ours). */
    private List<byte[]> versions() {
        int version = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(ControlMessage.PROTOCOL_VERSION);
            case 2 -> 0xFFFF;
            default -> random.nextInt(0x10000);
        };
        List<byte[]> m = new ArrayList<>();
        m.add(bytes(new ControlMessage.StartControlConnectionRequest(version, random.nextLong(1L << 32),
                random.nextLong(1L << 32), random.nextInt(0x10000), random.nextInt(0x10000), text(64), text(64))));
        m.add(bytes(anyEstablished()));
        return m;
    }

    private ControlMessage anyEstablished() {
        return message(ESTABLISHED.get(random.nextInt(ESTABLISHED.size())));
    }

    /** A valid message of {@code type} with random field values. */
    private ControlMessage message(ControlMessageType type) {
        Random r = random;
        return switch (type) {
            case START_CONTROL_CONNECTION_REQUEST -> sccrq();
            case START_CONTROL_CONNECTION_REPLY -> new ControlMessage.StartControlConnectionReply(
                    ControlMessage.PROTOCOL_VERSION, 1, 0, 1, 1, 0, 1, text(64), text(64));
            case STOP_CONTROL_CONNECTION_REQUEST -> new ControlMessage.StopControlConnectionRequest(r.nextInt(256));
            case STOP_CONTROL_CONNECTION_REPLY -> new ControlMessage.StopControlConnectionReply(r.nextInt(256), 0);
            case ECHO_REQUEST -> new ControlMessage.EchoRequest(u32());
            case ECHO_REPLY -> new ControlMessage.EchoReply(u32(), r.nextInt(256), r.nextInt(256));
            case OUTGOING_CALL_REQUEST -> outgoingCallRequest(freePeerCallId());
            case OUTGOING_CALL_REPLY -> new ControlMessage.OutgoingCallReply(u16(), u16(), 1, 0, 0, u32(), u16(), u16(),
                    u32());
            case INCOMING_CALL_REQUEST -> new ControlMessage.IncomingCallRequest(u16(), u16(), u32(), u32(),
                    r.nextInt(65), r.nextInt(65), text(64), text(64), text(64));
            case INCOMING_CALL_REPLY -> new ControlMessage.IncomingCallReply(u16(), u16(), r.nextInt(256), 0, u16(),
                    u16());
            case INCOMING_CALL_CONNECTED -> new ControlMessage.IncomingCallConnected(u16(), u32(), u16(), u16(), u32());
            case CALL_CLEAR_REQUEST -> new ControlMessage.CallClearRequest(u16());
            case CALL_DISCONNECT_NOTIFY -> new ControlMessage.CallDisconnectNotify(u16(), r.nextInt(256),
                    r.nextInt(256), u16(), text(128));
            case WAN_ERROR_NOTIFY -> new ControlMessage.WanErrorNotify(u16(), u32(), u32(), u32(), u32(), u32(), u32());
            case SET_LINK_INFO -> new ControlMessage.SetLinkInfo(u16(), u32(), u32());
        };
    }

    /** Windows and delays at their edges too (0 and 65535). */
    private ControlMessage.OutgoingCallRequest outgoingCallRequest(int peerCallId) {
        int window = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xFFFF;
            default -> 1 + random.nextInt(64);
        };
        return new ControlMessage.OutgoingCallRequest(peerCallId, u16(), u32(), u32(), 1 + random.nextInt(3),
                1 + random.nextInt(3), window, random.nextBoolean() ? 0 : u16(), random.nextInt(65), text(64),
                text(64));
    }

    /** One to three of: bit flip, random octet, truncation, random tail, header or body field damage. */
    private byte[] damage(byte[] message) {
        byte[] d = message.clone();
        for (int round = 1 + random.nextInt(3); round > 0 && d.length > 0; round--) {
            switch (random.nextInt(8)) {
                case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                case 2 -> d = Arrays.copyOf(d, random.nextInt(d.length));
                case 3 -> {
                    byte[] tail = new byte[1 + random.nextInt(64)];
                    random.nextBytes(tail);
                    d = concat(List.of(d, tail));
                }
                case 4 -> d = field(d, new int[] {0, 2, 8}[random.nextInt(3)], random.nextBoolean()
                        ? random.nextInt(0x10000) : random.nextInt(260));
                case 5 -> { // a reserved octet, a text octet or a length field to a non-zero value
                    if (d.length > 12) {
                        d[10 + random.nextInt(d.length - 10)] = (byte) (1 + random.nextInt(255));
                    }
                }
                case 6 -> { // a text field filled to its end without NUL, high Latin-1 octets included
                    if (d.length > 100) {
                        int from = 12 + random.nextInt(d.length - 76);
                        for (int i = from; i < from + 64 && i < d.length; i++) {
                            d[i] = (byte) (1 + random.nextInt(255));
                        }
                    }
                }
                default -> d = field(d, 10 + 2 * random.nextInt(Math.max(1, (d.length - 12) / 2)),
                        random.nextInt(0x10000));
            }
        }
        return d;
    }

    /** {@code d} with the 16-bit field at {@code at} (if it fits) set to {@code value}. */
    private static byte[] field(byte[] message, int at, int value) {
        byte[] d = message.clone();
        if (at + 2 <= d.length) {
            d[at] = (byte) (value >>> 8);
            d[at + 1] = (byte) value;
        }
        return d;
    }

    /** The stream cut into random chunks: one at a time, a few octets at a time, or all at once. */
    private List<byte[]> chunk(byte[] stream) {
        List<byte[]> chunks = new ArrayList<>();
        int mode = random.nextInt(4);
        for (int at = 0; at < stream.length; ) {
            int n = switch (mode) {
                case 0 -> stream.length;
                case 1 -> 1 + random.nextInt(8);
                default -> 1 + random.nextInt(stream.length - at);
            };
            n = Math.min(n, stream.length - at);
            chunks.add(Arrays.copyOfRange(stream, at, at + n));
            at += n;
        }
        return chunks;
    }

    private String text(int max) {
        char[] c = new char[random.nextInt(max + 1)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) (1 + random.nextInt(255));
        }
        return new String(c);
    }

    private int freePeerCallId() {
        int id;
        do {
            id = u16();
        } while (takenPeerCallIds.contains(id));
        return id;
    }

    private int u16() {
        return random.nextInt(0x10000);
    }

    private long u32() {
        return random.nextLong(1L << 32);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
