package io.cohort.l2tp.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The Attribute Value field of each RFC 2661 AVP (section 4.4): the single table that maps a
 * typed {@link Avp.Standard} to its octets and back. Lengths are checked by the caller against
 * {@link AvpType#minValueLength()}/{@link AvpType#maxValueLength()} before {@link #decode}.
 */
final class AvpValues {
    private static final int FRAMING_SYNC = 1;
    private static final int FRAMING_ASYNC = 2;
    private static final int BEARER_DIGITAL = 1;
    private static final int BEARER_ANALOG = 2;

    private AvpValues() {}

    /** The cleartext Attribute Value of an AVP. */
    static byte[] encode(Avp.Standard avp) {
        return switch (avp) {
            case Avp.ResultCode r -> {
                byte[] msg = utf8(r.message());
                ByteBuffer b = ByteBuffer.allocate(r.error().isPresent() ? 4 + msg.length : 2);
                b.putShort((short) r.result());
                if (r.error().isPresent()) {
                    b.putShort((short) r.error().getAsInt()).put(msg);
                }
                yield b.array();
            }
            case Avp.ProtocolVersion v -> new byte[] {(byte) v.version(), (byte) v.revision()};
            case Avp.FramingCapabilities f -> u32(bits(f.sync(), FRAMING_SYNC, f.async(), FRAMING_ASYNC));
            case Avp.BearerCapabilities c -> u32(bits(c.digital(), BEARER_DIGITAL, c.analog(), BEARER_ANALOG));
            case Avp.TieBreaker t -> ByteBuffer.allocate(8).putLong(t.value()).array();
            case Avp.FirmwareRevision f -> u16(f.revision());
            case Avp.HostName h -> utf8(h.name());
            case Avp.VendorName v -> utf8(v.name());
            case Avp.AssignedTunnelId t -> u16(t.id());
            case Avp.ReceiveWindowSize w -> u16(w.size());
            case Avp.Challenge c -> c.raw().clone();
            case Avp.Q931CauseCode q -> {
                byte[] adv = utf8(q.advisory());
                yield ByteBuffer.allocate(3 + adv.length).putShort((short) q.causeCode())
                        .put((byte) q.causeMessage()).put(adv).array();
            }
            case Avp.ChallengeResponse r -> r.raw().clone();
            case Avp.AssignedSessionId s -> u16(s.id());
            case Avp.CallSerialNumber s -> u32(s.serial());
            case Avp.MinimumBps m -> u32(m.bps());
            case Avp.MaximumBps m -> u32(m.bps());
            case Avp.BearerType t -> u32(bits(t.digital(), BEARER_DIGITAL, t.analog(), BEARER_ANALOG));
            case Avp.FramingType t -> u32(bits(t.sync(), FRAMING_SYNC, t.async(), FRAMING_ASYNC));
            case Avp.CalledNumber n -> utf8(n.number());
            case Avp.CallingNumber n -> utf8(n.number());
            case Avp.SubAddress s -> utf8(s.address());
            case Avp.TxConnectSpeed s -> u32(s.bps());
            case Avp.RxConnectSpeed s -> u32(s.bps());
            case Avp.PhysicalChannelId p -> u32(p.id());
            case Avp.InitialReceivedLcpConfReq l -> l.raw().clone();
            case Avp.LastSentLcpConfReq l -> l.raw().clone();
            case Avp.LastReceivedLcpConfReq l -> l.raw().clone();
            case Avp.ProxyAuthenType p -> u16(p.authenType());
            case Avp.ProxyAuthenName n -> utf8(n.name());
            case Avp.ProxyAuthenChallenge c -> c.raw().clone();
            case Avp.ProxyAuthenId i -> u16(i.id());
            case Avp.ProxyAuthenResponse r -> r.raw().clone();
            case Avp.CallErrors e -> ByteBuffer.allocate(26).putShort((short) 0)
                    .putInt((int) e.crcErrors()).putInt((int) e.framingErrors())
                    .putInt((int) e.hardwareOverruns()).putInt((int) e.bufferOverruns())
                    .putInt((int) e.timeoutErrors()).putInt((int) e.alignmentErrors()).array();
            case Avp.Accm a -> ByteBuffer.allocate(10).putShort((short) 0).putInt(a.send())
                    .putInt(a.receive()).array();
            case Avp.RandomVector r -> r.raw().clone();
            case Avp.PrivateGroupId p -> p.raw().clone();
            case Avp.SequencingRequired s -> new byte[0];
        };
    }

    /**
     * Whether {@code length} octets is a legal cleartext value for this type (4.4). The Result
     * Code value is 2 octets, or 4 or more (an Error Code, then an optional message).
     */
    static boolean lengthAllowed(AvpType type, int length) {
        if (length < type.minValueLength() || length > type.maxValueLength()) {
            return false;
        }
        return type != AvpType.RESULT_CODE || length != 3;
    }

    /** The typed AVP for a value whose length {@link #lengthAllowed} accepted. */
    static Avp.Standard decode(AvpType type, byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        return switch (type) {
            case MESSAGE_TYPE -> throw new IllegalArgumentException("Message Type is not an Avp record");
            case RESULT_CODE -> v.length == 2
                    ? new Avp.ResultCode(b.getChar(0), OptionalInt.empty(), "")
                    : new Avp.ResultCode(b.getChar(0), OptionalInt.of(b.getChar(2)), string(v, 4));
            case PROTOCOL_VERSION -> new Avp.ProtocolVersion(v[0] & 0xFF, v[1] & 0xFF);
            case FRAMING_CAPABILITIES -> new Avp.FramingCapabilities(has(b, FRAMING_SYNC), has(b, FRAMING_ASYNC));
            case BEARER_CAPABILITIES -> new Avp.BearerCapabilities(has(b, BEARER_DIGITAL), has(b, BEARER_ANALOG));
            case TIE_BREAKER -> new Avp.TieBreaker(b.getLong(0));
            case FIRMWARE_REVISION -> new Avp.FirmwareRevision(b.getChar(0));
            case HOST_NAME -> new Avp.HostName(string(v, 0));
            case VENDOR_NAME -> new Avp.VendorName(string(v, 0));
            case ASSIGNED_TUNNEL_ID -> new Avp.AssignedTunnelId(b.getChar(0));
            case RECEIVE_WINDOW_SIZE -> new Avp.ReceiveWindowSize(b.getChar(0));
            case CHALLENGE -> new Avp.Challenge(v);
            case Q931_CAUSE_CODE -> new Avp.Q931CauseCode(b.getChar(0), v[2] & 0xFF, string(v, 3));
            case CHALLENGE_RESPONSE -> new Avp.ChallengeResponse(v);
            case ASSIGNED_SESSION_ID -> new Avp.AssignedSessionId(b.getChar(0));
            case CALL_SERIAL_NUMBER -> new Avp.CallSerialNumber(u32(b, 0));
            case MINIMUM_BPS -> new Avp.MinimumBps(u32(b, 0));
            case MAXIMUM_BPS -> new Avp.MaximumBps(u32(b, 0));
            case BEARER_TYPE -> new Avp.BearerType(has(b, BEARER_DIGITAL), has(b, BEARER_ANALOG));
            case FRAMING_TYPE -> new Avp.FramingType(has(b, FRAMING_SYNC), has(b, FRAMING_ASYNC));
            case CALLED_NUMBER -> new Avp.CalledNumber(string(v, 0));
            case CALLING_NUMBER -> new Avp.CallingNumber(string(v, 0));
            case SUB_ADDRESS -> new Avp.SubAddress(string(v, 0));
            case TX_CONNECT_SPEED -> new Avp.TxConnectSpeed(u32(b, 0));
            case PHYSICAL_CHANNEL_ID -> new Avp.PhysicalChannelId(u32(b, 0));
            case INITIAL_RECEIVED_LCP_CONFREQ -> new Avp.InitialReceivedLcpConfReq(v);
            case LAST_SENT_LCP_CONFREQ -> new Avp.LastSentLcpConfReq(v);
            case LAST_RECEIVED_LCP_CONFREQ -> new Avp.LastReceivedLcpConfReq(v);
            case PROXY_AUTHEN_TYPE -> new Avp.ProxyAuthenType(b.getChar(0));
            case PROXY_AUTHEN_NAME -> new Avp.ProxyAuthenName(string(v, 0));
            case PROXY_AUTHEN_CHALLENGE -> new Avp.ProxyAuthenChallenge(v);
            // 4.4.5: the most significant octet MUST be 0; the ID is the low octet.
            case PROXY_AUTHEN_ID -> new Avp.ProxyAuthenId(v[1] & 0xFF);
            case PROXY_AUTHEN_RESPONSE -> new Avp.ProxyAuthenResponse(v);
            case CALL_ERRORS -> new Avp.CallErrors(u32(b, 2), u32(b, 6), u32(b, 10), u32(b, 14),
                    u32(b, 18), u32(b, 22));
            case ACCM -> new Avp.Accm(b.getInt(2), b.getInt(6));
            case RANDOM_VECTOR -> new Avp.RandomVector(v);
            case PRIVATE_GROUP_ID -> new Avp.PrivateGroupId(v);
            case RX_CONNECT_SPEED -> new Avp.RxConnectSpeed(u32(b, 0));
            case SEQUENCING_REQUIRED -> new Avp.SequencingRequired();
        };
    }

    private static int bits(boolean first, int firstBit, boolean second, int secondBit) {
        return (first ? firstBit : 0) | (second ? secondBit : 0);
    }

    private static boolean has(ByteBuffer b, int bit) {
        return (b.getInt(0) & bit) != 0;
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    private static byte[] u32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    private static long u32(ByteBuffer b, int index) {
        return Integer.toUnsignedLong(b.getInt(index));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] v, int from) {
        return new String(v, from, v.length - from, StandardCharsets.UTF_8);
    }
}
