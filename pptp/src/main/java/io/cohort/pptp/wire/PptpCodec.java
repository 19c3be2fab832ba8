package io.cohort.pptp.wire;

import io.cohort.pptp.wire.ControlMessage.CallClearRequest;
import io.cohort.pptp.wire.ControlMessage.CallDisconnectNotify;
import io.cohort.pptp.wire.ControlMessage.EchoReply;
import io.cohort.pptp.wire.ControlMessage.EchoRequest;
import io.cohort.pptp.wire.ControlMessage.IncomingCallConnected;
import io.cohort.pptp.wire.ControlMessage.IncomingCallReply;
import io.cohort.pptp.wire.ControlMessage.IncomingCallRequest;
import io.cohort.pptp.wire.ControlMessage.OutgoingCallReply;
import io.cohort.pptp.wire.ControlMessage.OutgoingCallRequest;
import io.cohort.pptp.wire.ControlMessage.SetLinkInfo;
import io.cohort.pptp.wire.ControlMessage.StartControlConnectionReply;
import io.cohort.pptp.wire.ControlMessage.StartControlConnectionRequest;
import io.cohort.pptp.wire.ControlMessage.StopControlConnectionReply;
import io.cohort.pptp.wire.ControlMessage.StopControlConnectionRequest;
import io.cohort.pptp.wire.ControlMessage.WanErrorNotify;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Encodes and decodes PPTP control messages (RFC 2637 sections 1.4 and 2). Stateless and
 * thread-safe. {@link #decode} never throws on bad input: it returns a {@link DecodeResult};
 * encoding throws only for programming errors. Every message has the fixed length of its
 * section-2 layout; a Length field that differs is {@link DecodeError#BAD_LENGTH}.
 *
 * <p>On input every Reserved field must be 0 (section 2: "MUST be sent as 0"; section 2.16 names
 * a non-zero reserved field a Bad-Value error). Text fields are read up to their first NUL
 * octet as Latin-1, so any octets decode; octets after the first NUL are padding and ignored.
 */
public final class PptpCodec {
    /** The PPTP Message Type of a control message (1.4). */
    public static final int CONTROL_MESSAGE = 1;
    /** The Magic Cookie (1.4). */
    public static final long MAGIC_COOKIE = 0x1A2B3C4DL;
    /** Length, PPTP Message Type and Magic Cookie. */
    public static final int PPTP_HEADER_LENGTH = 8;
    /** The PPTP header plus Control Message Type and Reserved0, common to every control message. */
    public static final int CONTROL_HEADER_LENGTH = 12;

    private PptpCodec() {}

    /**
     * Decodes the message at the buffer's position, without moving position or limit. Octets
     * after the message's Length are not read (on a stream they belong to the next message).
     */
    public static DecodeResult<ControlMessage, DecodeError> decode(ByteBuffer in) {
        int start = in.position();
        int available = in.remaining();
        if (available < PPTP_HEADER_LENGTH) {
            return malformed(DecodeError.TRUNCATED, available + " octets, no PPTP header");
        }
        Optional<DecodeResult.Malformed<ControlMessage, DecodeError>> bad = checkHeader(in, start, ControlMessageType.MAX_LENGTH);
        if (bad.isPresent()) {
            return bad.get();
        }
        int length = in.getChar(start);
        if (available < length) {
            return malformed(DecodeError.TRUNCATED, "Length " + length + " but " + available + " octets");
        }
        int code = in.getChar(start + 8);
        Optional<ControlMessageType> type = ControlMessageType.of(code);
        if (type.isEmpty()) {
            return malformed(DecodeError.UNKNOWN_CONTROL_MESSAGE_TYPE, "Control Message Type " + code);
        }
        if (length != type.get().length()) {
            return malformed(DecodeError.BAD_LENGTH, type.get() + " is " + type.get().length()
                    + " octets, Length says " + length);
        }
        FieldReader r = new FieldReader(in, start + 10);
        r.reserved16("Reserved0");
        ControlMessage m = read(type.get(), r);
        if (r.nonZeroReserved != null) {
            return malformed(DecodeError.RESERVED_NOT_ZERO, r.nonZeroReserved + " of " + type.get() + " is not 0");
        }
        if (r.badValue != null) {
            return malformed(DecodeError.BAD_VALUE, r.badValue + " of " + type.get());
        }
        return new DecodeResult.Decoded<>(m);
    }

    /**
     * Checks the 8-octet PPTP header at {@code start}: Magic Cookie first (it is the
     * synchronisation check of 1.4), then PPTP Message Type, then a Length between
     * {@link ControlMessageType#MIN_LENGTH} and {@code maxLength}. Empty if it is acceptable.
     */
    static Optional<DecodeResult.Malformed<ControlMessage, DecodeError>> checkHeader(ByteBuffer in, int start, int maxLength) {
        long cookie = in.getInt(start + 4) & 0xFFFF_FFFFL;
        if (cookie != MAGIC_COOKIE) {
            return Optional.of(malformed(DecodeError.BAD_MAGIC_COOKIE, String.format("Magic Cookie 0x%08X", cookie)));
        }
        int pptpType = in.getChar(start + 2);
        if (pptpType != CONTROL_MESSAGE) {
            return Optional.of(malformed(DecodeError.UNSUPPORTED_PPTP_MESSAGE_TYPE, "PPTP Message Type " + pptpType));
        }
        int length = in.getChar(start);
        if (length < ControlMessageType.MIN_LENGTH || length > maxLength) {
            return Optional.of(malformed(DecodeError.BAD_LENGTH, "Length " + length + " outside "
                    + ControlMessageType.MIN_LENGTH + ".." + maxLength));
        }
        return Optional.empty();
    }

    /** The message with its PPTP header, in a buffer ready to read. */
    public static ByteBuffer encode(ControlMessage message) {
        ControlMessageType type = message.type();
        ByteBuffer out = ByteBuffer.allocate(type.length());
        out.putShort((short) type.length()).putShort((short) CONTROL_MESSAGE).putInt((int) MAGIC_COOKIE)
                .putShort((short) type.code()).putShort((short) 0);
        write(message, out);
        if (out.hasRemaining()) {
            throw new IllegalStateException(type + " encoded short by " + out.remaining());
        }
        return out.flip();
    }

    private static ControlMessage read(ControlMessageType type, FieldReader r) {
        return switch (type) {
            case START_CONTROL_CONNECTION_REQUEST -> {
                int version = r.u16();
                r.reserved16("Reserved1");
                yield new StartControlConnectionRequest(version, r.u32(), r.u32(), r.u16(), r.u16(), r.text(64),
                        r.text(64));
            }
            case START_CONTROL_CONNECTION_REPLY -> new StartControlConnectionReply(r.u16(), r.u8(), r.u8(), r.u32(),
                    r.u32(), r.u16(), r.u16(), r.text(64), r.text(64));
            case STOP_CONTROL_CONNECTION_REQUEST -> {
                int reason = r.u8();
                r.reserved8("Reserved1");
                r.reserved16("Reserved2");
                yield new StopControlConnectionRequest(reason);
            }
            case STOP_CONTROL_CONNECTION_REPLY -> {
                var m = new StopControlConnectionReply(r.u8(), r.u8());
                r.reserved16("Reserved1");
                yield m;
            }
            case ECHO_REQUEST -> new EchoRequest(r.u32());
            case ECHO_REPLY -> {
                var m = new EchoReply(r.u32(), r.u8(), r.u8());
                r.reserved16("Reserved1");
                yield m;
            }
            case OUTGOING_CALL_REQUEST -> {
                int callId = r.u16();
                int serial = r.u16();
                long min = r.u32();
                long max = r.u32();
                long bearer = r.u32();
                long framing = r.u32();
                int window = r.u16();
                int delay = r.u16();
                int phoneLength = r.textLength("Phone Number Length");
                r.reserved16("Reserved1");
                yield new OutgoingCallRequest(callId, serial, min, max, bearer, framing, window, delay, phoneLength,
                        r.text(64), r.text(64));
            }
            case OUTGOING_CALL_REPLY -> new OutgoingCallReply(r.u16(), r.u16(), r.u8(), r.u8(), r.u16(), r.u32(),
                    r.u16(), r.u16(), r.u32());
            case INCOMING_CALL_REQUEST -> new IncomingCallRequest(r.u16(), r.u16(), r.u32(), r.u32(),
                    r.textLength("Dialed Number Length"), r.textLength("Dialing Number Length"), r.text(64),
                    r.text(64), r.text(64));
            case INCOMING_CALL_REPLY -> {
                var m = new IncomingCallReply(r.u16(), r.u16(), r.u8(), r.u8(), r.u16(), r.u16());
                r.reserved16("Reserved1");
                yield m;
            }
            case INCOMING_CALL_CONNECTED -> {
                int peerCallId = r.u16();
                r.reserved16("Reserved1");
                yield new IncomingCallConnected(peerCallId, r.u32(), r.u16(), r.u16(), r.u32());
            }
            case CALL_CLEAR_REQUEST -> {
                int callId = r.u16();
                r.reserved16("Reserved1");
                yield new CallClearRequest(callId);
            }
            case CALL_DISCONNECT_NOTIFY -> {
                int callId = r.u16();
                int result = r.u8();
                int error = r.u8();
                int cause = r.u16();
                r.reserved16("Reserved1");
                yield new CallDisconnectNotify(callId, result, error, cause, r.text(128));
            }
            case WAN_ERROR_NOTIFY -> {
                int peerCallId = r.u16();
                r.reserved16("Reserved1");
                yield new WanErrorNotify(peerCallId, r.u32(), r.u32(), r.u32(), r.u32(), r.u32(), r.u32());
            }
            case SET_LINK_INFO -> {
                int peerCallId = r.u16();
                r.reserved16("Reserved1");
                yield new SetLinkInfo(peerCallId, r.u32(), r.u32());
            }
        };
    }

    private static void write(ControlMessage message, ByteBuffer out) {
        FieldWriter w = new FieldWriter(out);
        switch (message) {
            case StartControlConnectionRequest m -> w.u16(m.protocolVersion()).u16(0).u32(m.framingCapabilities())
                    .u32(m.bearerCapabilities()).u16(m.maximumChannels()).u16(m.firmwareRevision())
                    .text(m.hostName(), 64).text(m.vendorString(), 64);
            case StartControlConnectionReply m -> w.u16(m.protocolVersion()).u8(m.resultCode()).u8(m.errorCode())
                    .u32(m.framingCapabilities()).u32(m.bearerCapabilities()).u16(m.maximumChannels())
                    .u16(m.firmwareRevision()).text(m.hostName(), 64).text(m.vendorString(), 64);
            case StopControlConnectionRequest m -> w.u8(m.reason()).u8(0).u16(0);
            case StopControlConnectionReply m -> w.u8(m.resultCode()).u8(m.errorCode()).u16(0);
            case EchoRequest m -> w.u32(m.identifier());
            case EchoReply m -> w.u32(m.identifier()).u8(m.resultCode()).u8(m.errorCode()).u16(0);
            case OutgoingCallRequest m -> w.u16(m.callId()).u16(m.callSerialNumber()).u32(m.minimumBps())
                    .u32(m.maximumBps()).u32(m.bearerType()).u32(m.framingType()).u16(m.packetReceiveWindowSize())
                    .u16(m.packetProcessingDelay()).u16(m.phoneNumberLength()).u16(0).text(m.phoneNumber(), 64)
                    .text(m.subaddress(), 64);
            case OutgoingCallReply m -> w.u16(m.callId()).u16(m.peerCallId()).u8(m.resultCode()).u8(m.errorCode())
                    .u16(m.causeCode()).u32(m.connectSpeed()).u16(m.packetReceiveWindowSize())
                    .u16(m.packetProcessingDelay()).u32(m.physicalChannelId());
            case IncomingCallRequest m -> w.u16(m.callId()).u16(m.callSerialNumber()).u32(m.bearerType())
                    .u32(m.physicalChannelId()).u16(m.dialedNumberLength()).u16(m.dialingNumberLength())
                    .text(m.dialedNumber(), 64).text(m.dialingNumber(), 64).text(m.subaddress(), 64);
            case IncomingCallReply m -> w.u16(m.callId()).u16(m.peerCallId()).u8(m.resultCode()).u8(m.errorCode())
                    .u16(m.packetReceiveWindowSize()).u16(m.packetTransmitDelay()).u16(0);
            case IncomingCallConnected m -> w.u16(m.peerCallId()).u16(0).u32(m.connectSpeed())
                    .u16(m.packetReceiveWindowSize()).u16(m.packetTransmitDelay()).u32(m.framingType());
            case CallClearRequest m -> w.u16(m.callId()).u16(0);
            case CallDisconnectNotify m -> w.u16(m.callId()).u8(m.resultCode()).u8(m.errorCode()).u16(m.causeCode())
                    .u16(0).text(m.callStatistics(), 128);
            case WanErrorNotify m -> w.u16(m.peerCallId()).u16(0).u32(m.crcErrors()).u32(m.framingErrors())
                    .u32(m.hardwareOverruns()).u32(m.bufferOverruns()).u32(m.timeoutErrors())
                    .u32(m.alignmentErrors());
            case SetLinkInfo m -> w.u16(m.peerCallId()).u16(0).u32(m.sendAccm()).u32(m.receiveAccm());
        }
    }

    private static DecodeResult.Malformed<ControlMessage, DecodeError> malformed(DecodeError error, String detail) {
        return new DecodeResult.Malformed<>(error, detail);
    }

    /** Reads fields in layout order at absolute positions; notes the first bad reserved field or value. */
    private static final class FieldReader {
        private final ByteBuffer in;
        private int at;
        String nonZeroReserved;
        String badValue;

        FieldReader(ByteBuffer in, int at) {
            this.in = in;
            this.at = at;
        }

        int u8() {
            return in.get(at++) & 0xFF;
        }

        int u16() {
            int v = in.getChar(at);
            at += 2;
            return v;
        }

        long u32() {
            long v = in.getInt(at) & 0xFFFF_FFFFL;
            at += 4;
            return v;
        }

        void reserved8(String name) {
            reserved(name, u8());
        }

        void reserved16(String name) {
            reserved(name, u16());
        }

        private void reserved(String name, int value) {
            if (value != 0 && nonZeroReserved == null) {
                nonZeroReserved = name;
            }
        }

        /** A count of valid digits in a 64-octet field: more than 64 is out of range. */
        int textLength(String name) {
            int v = u16();
            if (v > ControlMessage.TEXT_FIELD_LENGTH && badValue == null) {
                badValue = name + " " + v;
                return 0;
            }
            return v;
        }

        /** A NUL-padded field of {@code size} octets, up to its first NUL, as Latin-1. */
        String text(int size) {
            int end = at;
            while (end < at + size && in.get(end) != 0) {
                end++;
            }
            char[] chars = new char[end - at];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (in.get(at + i) & 0xFF);
            }
            at += size;
            return new String(chars);
        }
    }

    private static final class FieldWriter {
        private final ByteBuffer out;

        FieldWriter(ByteBuffer out) {
            this.out = out;
        }

        FieldWriter u8(int v) {
            out.put((byte) v);
            return this;
        }

        FieldWriter u16(int v) {
            out.putShort((short) v);
            return this;
        }

        FieldWriter u32(long v) {
            out.putInt((int) v);
            return this;
        }

        FieldWriter text(String s, int size) {
            for (int i = 0; i < size; i++) {
                out.put(i < s.length() ? (byte) s.charAt(i) : 0);
            }
            return this;
        }
    }
}
