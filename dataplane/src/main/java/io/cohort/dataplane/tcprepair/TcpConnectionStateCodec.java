package io.cohort.dataplane.tcprepair;

import io.cohort.wire.DecodeResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The wire encoding of a TCP connection's figure-7 state (patent) for replication to the member
 * that may take the connection over. Network byte order throughout. Every encoding starts with
 * a two-octet header:
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version = 1  |     Kind      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * followed by the body of the {@link TcpStateRecordKind} Kind names and nothing else: 1 the
 * initial body, 2 the essential body, 3 the window body, 4 the initial body then the essential
 * body ({@link TcpConnectionState}).
 *
 * <p>Initial body ({@link TcpConnectionInitialState}), 17 octets:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Local IPv4 address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Local port           |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                     Remote IPv4 address                       |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |          Remote port          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Maximum segment size (1-)    |0 0 0 0 0|T|S|W|  Send shift   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Receive shift |
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * W: window scaling negotiated (RFC 7323 section 2), S: SACK permitted (RFC 2018), T: timestamps
 * (RFC 7323 section 3); the other five bits are zero. The shifts are 0-14 (RFC 7323 section 2.3)
 * and both 0 without W.
 *
 * <p>Window body ({@link TcpRepairWindow}, the fields of {@code struct tcp_repair_window} but in
 * network order), 20 octets; max_window is not below snd_wnd:
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    SND.WL1 (snd_wl1)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    SND.WND (snd_wnd)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    max_window                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    RCV.WND (rcv_wnd)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    rcv_wup                                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Essential body ({@link TcpConnectionEssentialState}), 36 octets plus the queued octets:
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Send sequence (write_seq, send queue end)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Receive sequence (RCV.NXT)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Window body (20 octets)                           |
 * ~                                                               ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Timestamp clock (TSval, RFC 7323 section 5.4)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Unacknowledged length (u16) |  Unacknowledged octets ...    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Unread length (u16)         |  Unread octets ...            ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The queued octets are the connection's payload (PPTP control messages) and travel raw, the
 * replication channel being encrypted; no error detail names them. A queue is at most 65535
 * octets, far above what a PPTP control connection holds (its longest message is 220 octets,
 * RFC 2637 section 2.3).
 *
 * <p>Decoders read from the buffer's position to its limit and leave the buffer as it was; they
 * validate every field, never throw, and give back exactly the record that was encoded.
 */
public final class TcpConnectionStateCodec {
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    static final int HEADER_SIZE = 2;
    static final int INITIAL_SIZE = 17;
    static final int WINDOW_SIZE = 20;
    /** The essential body without its queued octets. */
    static final int ESSENTIAL_FIXED_SIZE = 36;
    /** The largest queue a u16 length prefix carries. */
    public static final int MAX_QUEUE = 0xFFFF;

    static final int FLAG_WINDOW_SCALING = 0x01;
    static final int FLAG_SELECTIVE_ACKNOWLEDGEMENTS = 0x02;
    static final int FLAG_TIMESTAMPS = 0x04;
    private static final int FLAGS_KNOWN = FLAG_WINDOW_SCALING | FLAG_SELECTIVE_ACKNOWLEDGEMENTS | FLAG_TIMESTAMPS;

    private TcpConnectionStateCodec() {
    }

    public static byte[] encode(TcpConnectionInitialState initial) {
        ByteBuffer b = header(TcpStateRecordKind.INITIAL, INITIAL_SIZE);
        putInitial(b, initial);
        return b.array();
    }

    public static byte[] encode(TcpRepairWindow window) {
        ByteBuffer b = header(TcpStateRecordKind.WINDOW, WINDOW_SIZE);
        putWindow(b, window);
        return b.array();
    }

    /** @throws IllegalArgumentException if a queue is longer than {@link #MAX_QUEUE} octets */
    public static byte[] encode(TcpConnectionEssentialState essential) {
        ByteBuffer b = header(TcpStateRecordKind.ESSENTIAL, essentialSize(essential));
        putEssential(b, essential);
        return b.array();
    }

    /** @throws IllegalArgumentException if a queue is longer than {@link #MAX_QUEUE} octets */
    public static byte[] encode(TcpConnectionState state) {
        ByteBuffer b = header(TcpStateRecordKind.CONNECTION, INITIAL_SIZE + essentialSize(state.essential()));
        putInitial(b, state.initial());
        putEssential(b, state.essential());
        return b.array();
    }

    public static DecodeResult<TcpConnectionInitialState, TcpStateDecodeError> decodeInitial(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice();
        DecodeResult<TcpConnectionInitialState, TcpStateDecodeError> fault = header(b, TcpStateRecordKind.INITIAL);
        return fault != null ? fault : whole(b, initial(b));
    }

    public static DecodeResult<TcpRepairWindow, TcpStateDecodeError> decodeWindow(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice();
        DecodeResult<TcpRepairWindow, TcpStateDecodeError> fault = header(b, TcpStateRecordKind.WINDOW);
        return fault != null ? fault : whole(b, window(b));
    }

    public static DecodeResult<TcpConnectionEssentialState, TcpStateDecodeError> decodeEssential(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice();
        DecodeResult<TcpConnectionEssentialState, TcpStateDecodeError> fault = header(b, TcpStateRecordKind.ESSENTIAL);
        return fault != null ? fault : whole(b, essential(b));
    }

    public static DecodeResult<TcpConnectionState, TcpStateDecodeError> decodeConnection(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice();
        DecodeResult<TcpConnectionState, TcpStateDecodeError> fault = header(b, TcpStateRecordKind.CONNECTION);
        if (fault != null) {
            return fault;
        }
        return switch (initial(b)) {
            case DecodeResult.Malformed<TcpConnectionInitialState, TcpStateDecodeError> m -> malformed(m.error(), m.detail());
            case DecodeResult.Decoded<TcpConnectionInitialState, TcpStateDecodeError> i -> switch (essential(b)) {
                case DecodeResult.Malformed<TcpConnectionEssentialState, TcpStateDecodeError> m ->
                        malformed(m.error(), m.detail());
                case DecodeResult.Decoded<TcpConnectionEssentialState, TcpStateDecodeError> e ->
                        whole(b, new DecodeResult.Decoded<>(new TcpConnectionState(i.value(), e.value())));
            };
        };
    }

    private static ByteBuffer header(TcpStateRecordKind kind, int bodySize) {
        return ByteBuffer.allocate(HEADER_SIZE + bodySize).put((byte) VERSION).put((byte) kind.code());
    }

    private static void putInitial(ByteBuffer b, TcpConnectionInitialState s) {
        putAddress(b, s.local());
        putAddress(b, s.remote());
        int flags = (s.windowScaling() ? FLAG_WINDOW_SCALING : 0)
                | (s.selectiveAcknowledgements() ? FLAG_SELECTIVE_ACKNOWLEDGEMENTS : 0)
                | (s.timestamps() ? FLAG_TIMESTAMPS : 0);
        b.putShort((short) s.maximumSegmentSize()).put((byte) flags).put((byte) s.sendWindowScale())
                .put((byte) s.receiveWindowScale());
    }

    private static void putAddress(ByteBuffer b, InetSocketAddress address) {
        b.put(((Inet4Address) address.getAddress()).getAddress()).putShort((short) address.getPort());
    }

    private static void putWindow(ByteBuffer b, TcpRepairWindow w) {
        b.putInt(w.sendWindowUpdateSequence()).putInt(w.sendWindow()).putInt(w.maxWindow()).putInt(w.receiveWindow())
                .putInt(w.receiveWindowUpdate());
    }

    /**
     * Whether {@code s} has an encoding: its unacknowledged and unread queues hold at most
     * {@value #MAX_QUEUE} octets each (a PPTP control connection holds a few messages; more means
     * a peer that floods or does not read).
     */
    public static boolean fits(TcpConnectionEssentialState s) {
        return s.unacknowledged().length <= MAX_QUEUE && s.unread().length <= MAX_QUEUE;
    }

    private static int essentialSize(TcpConnectionEssentialState s) {
        return ESSENTIAL_FIXED_SIZE + queueLength("unacknowledged", s.unacknowledged())
                + queueLength("unread", s.unread());
    }

    private static int queueLength(String queue, byte[] octets) {
        if (octets.length > MAX_QUEUE) {
            throw new IllegalArgumentException(queue + " queue of " + octets.length + " octets exceeds " + MAX_QUEUE);
        }
        return octets.length;
    }

    private static void putEssential(ByteBuffer b, TcpConnectionEssentialState s) {
        b.putInt(s.sendSequence()).putInt(s.receiveSequence());
        putWindow(b, s.window());
        b.putInt(s.timestamp());
        byte[] unacknowledged = s.unacknowledged();
        byte[] unread = s.unread();
        b.putShort((short) unacknowledged.length).put(unacknowledged).putShort((short) unread.length).put(unread);
    }

    /** Reads and checks the header: why it is not a version-1 header of {@code expected}, or null if it is. */
    private static <T> DecodeResult<T, TcpStateDecodeError> header(ByteBuffer b, TcpStateRecordKind expected) {
        if (b.remaining() < HEADER_SIZE) {
            return malformed(TcpStateDecodeError.TRUNCATED, b.remaining() + " octets, no header");
        }
        int version = Byte.toUnsignedInt(b.get());
        if (version != VERSION) {
            return malformed(TcpStateDecodeError.UNSUPPORTED_VERSION, "version " + version);
        }
        int kind = Byte.toUnsignedInt(b.get());
        if (TcpStateRecordKind.of(kind).isEmpty()) {
            return malformed(TcpStateDecodeError.UNKNOWN_KIND, "kind " + kind);
        }
        if (kind != expected.code()) {
            return malformed(TcpStateDecodeError.UNEXPECTED_KIND, "kind " + kind + ", not " + expected);
        }
        return null;
    }

    private static DecodeResult<TcpConnectionInitialState, TcpStateDecodeError> initial(ByteBuffer b) {
        if (b.remaining() < INITIAL_SIZE) {
            return malformed(TcpStateDecodeError.TRUNCATED, "initial body of " + b.remaining() + " octets");
        }
        InetSocketAddress local = address(b);
        InetSocketAddress remote = address(b);
        int mss = Short.toUnsignedInt(b.getShort());
        int flags = Byte.toUnsignedInt(b.get());
        int sendShift = Byte.toUnsignedInt(b.get());
        int receiveShift = Byte.toUnsignedInt(b.get());
        boolean windowScaling = (flags & FLAG_WINDOW_SCALING) != 0;
        if ((flags & ~FLAGS_KNOWN) != 0) {
            return malformed(TcpStateDecodeError.RESERVED_FLAGS, "flags 0x" + Integer.toHexString(flags));
        }
        if (mss == 0) {
            return malformed(TcpStateDecodeError.ZERO_MAXIMUM_SEGMENT_SIZE, "MSS 0");
        }
        if (sendShift > TcpConnectionInitialState.MAX_WINDOW_SCALE
                || receiveShift > TcpConnectionInitialState.MAX_WINDOW_SCALE) {
            return malformed(TcpStateDecodeError.WINDOW_SHIFT_OUT_OF_RANGE,
                    "shifts " + sendShift + "/" + receiveShift);
        }
        if (!windowScaling && (sendShift != 0 || receiveShift != 0)) {
            return malformed(TcpStateDecodeError.WINDOW_SHIFT_WITHOUT_SCALING,
                    "shifts " + sendShift + "/" + receiveShift);
        }
        return new DecodeResult.Decoded<>(new TcpConnectionInitialState(local, remote, mss, windowScaling, sendShift,
                receiveShift, (flags & FLAG_SELECTIVE_ACKNOWLEDGEMENTS) != 0, (flags & FLAG_TIMESTAMPS) != 0));
    }

    private static InetSocketAddress address(ByteBuffer b) {
        byte[] octets = new byte[4];
        b.get(octets);
        int port = Short.toUnsignedInt(b.getShort());
        try {
            return new InetSocketAddress(InetAddress.getByAddress(octets), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    private static DecodeResult<TcpRepairWindow, TcpStateDecodeError> window(ByteBuffer b) {
        if (b.remaining() < WINDOW_SIZE) {
            return malformed(TcpStateDecodeError.TRUNCATED, "window body of " + b.remaining() + " octets");
        }
        int sendWindowUpdateSequence = b.getInt();
        int sendWindow = b.getInt();
        int maxWindow = b.getInt();
        int receiveWindow = b.getInt();
        int receiveWindowUpdate = b.getInt();
        if (Integer.compareUnsigned(maxWindow, sendWindow) < 0) {
            return malformed(TcpStateDecodeError.MAX_WINDOW_BELOW_SEND_WINDOW, "max_window "
                    + Integer.toUnsignedString(maxWindow) + " < snd_wnd " + Integer.toUnsignedString(sendWindow));
        }
        return new DecodeResult.Decoded<>(
                new TcpRepairWindow(sendWindowUpdateSequence, sendWindow, maxWindow, receiveWindow, receiveWindowUpdate));
    }

    private static DecodeResult<TcpConnectionEssentialState, TcpStateDecodeError> essential(ByteBuffer b) {
        if (b.remaining() < ESSENTIAL_FIXED_SIZE) {
            return malformed(TcpStateDecodeError.TRUNCATED, "essential body of " + b.remaining() + " octets");
        }
        int sendSequence = b.getInt();
        int receiveSequence = b.getInt();
        return switch (window(b)) {
            case DecodeResult.Malformed<TcpRepairWindow, TcpStateDecodeError> m -> malformed(m.error(), m.detail());
            case DecodeResult.Decoded<TcpRepairWindow, TcpStateDecodeError> w -> queues(b, sendSequence,
                    receiveSequence, w.value());
        };
    }

    private static DecodeResult<TcpConnectionEssentialState, TcpStateDecodeError> queues(ByteBuffer b,
            int sendSequence, int receiveSequence, TcpRepairWindow window) {
        int timestamp = b.getInt();
        byte[] unacknowledged = queue(b);
        if (unacknowledged == null) {
            return malformed(TcpStateDecodeError.TRUNCATED, "unacknowledged queue cut short");
        }
        byte[] unread = queue(b);
        if (unread == null) {
            return malformed(TcpStateDecodeError.TRUNCATED, "unread queue cut short");
        }
        return new DecodeResult.Decoded<>(
                new TcpConnectionEssentialState(sendSequence, receiveSequence, window, timestamp, unacknowledged, unread));
    }

    /** A u16-prefixed queue, null if the buffer ends before it does. */
    private static byte[] queue(ByteBuffer b) {
        if (b.remaining() < 2) {
            return null;
        }
        int length = Short.toUnsignedInt(b.getShort());
        if (b.remaining() < length) {
            return null;
        }
        byte[] octets = new byte[length];
        b.get(octets);
        return octets;
    }

    private static <T> DecodeResult<T, TcpStateDecodeError> whole(ByteBuffer b,
            DecodeResult<T, TcpStateDecodeError> result) {
        if (result instanceof DecodeResult.Decoded<T, TcpStateDecodeError> && b.hasRemaining()) {
            return malformed(TcpStateDecodeError.TRAILING_OCTETS, b.remaining() + " octets after the record");
        }
        return result;
    }

    private static <T> DecodeResult<T, TcpStateDecodeError> malformed(TcpStateDecodeError error, String detail) {
        return new DecodeResult.Malformed<>(error, detail);
    }
}
