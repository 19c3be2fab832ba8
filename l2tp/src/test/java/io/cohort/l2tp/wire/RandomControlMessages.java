package io.cohort.l2tp.wire;

import io.cohort.testsupport.RandomValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** Random values of every AVP record and whole control messages, for the codec's properties. */
public final class RandomControlMessages {
    private static final List<AvpType> RECORD_TYPES = Arrays.stream(AvpType.values())
            .filter(t -> t != AvpType.MESSAGE_TYPE).toList();

    private RandomControlMessages() {}

    static int u8(RandomValues random) {
        return random.intBetween(0, 0xFF);
    }

    static int u16(RandomValues random) {
        return random.intBetween(0, 0xFFFF);
    }

    static long u32(RandomValues random) {
        return random.longBetween(0, 0xFFFF_FFFFL);
    }

    static String text(RandomValues random, int min) {
        return random.string(min, 40, RandomValues.ALPHANUMERIC + "-. é€");
    }

    static byte[] octets(RandomValues random, int min, int max) {
        return random.bytes(min, max);
    }

    /** A random value of this AVP type. */
    static Avp.Standard avp(RandomValues r, AvpType type) {
        return switch (type) {
            case MESSAGE_TYPE -> throw new IllegalArgumentException("not an Avp record");
            case RESULT_CODE -> {
                int result = u16(r);
                yield r.chance(0.3) ? new Avp.ResultCode(result, OptionalInt.empty(), "")
                        : new Avp.ResultCode(result, OptionalInt.of(u16(r)), text(r, 0));
            }
            case PROTOCOL_VERSION -> new Avp.ProtocolVersion(u8(r), u8(r));
            case FRAMING_CAPABILITIES -> new Avp.FramingCapabilities(r.bool(), r.bool());
            case BEARER_CAPABILITIES -> new Avp.BearerCapabilities(r.bool(), r.bool());
            case TIE_BREAKER -> new Avp.TieBreaker(r.anyLong());
            case FIRMWARE_REVISION -> new Avp.FirmwareRevision(u16(r));
            case HOST_NAME -> new Avp.HostName(text(r, 1));
            case VENDOR_NAME -> new Avp.VendorName(text(r, 0));
            case ASSIGNED_TUNNEL_ID -> new Avp.AssignedTunnelId(u16(r));
            case RECEIVE_WINDOW_SIZE -> new Avp.ReceiveWindowSize(u16(r));
            case CHALLENGE -> new Avp.Challenge(octets(r, 1, 64));
            case Q931_CAUSE_CODE -> new Avp.Q931CauseCode(u16(r), u8(r), text(r, 0));
            case CHALLENGE_RESPONSE -> new Avp.ChallengeResponse(octets(r, 16, 16));
            case ASSIGNED_SESSION_ID -> new Avp.AssignedSessionId(u16(r));
            case CALL_SERIAL_NUMBER -> new Avp.CallSerialNumber(u32(r));
            case MINIMUM_BPS -> new Avp.MinimumBps(u32(r));
            case MAXIMUM_BPS -> new Avp.MaximumBps(u32(r));
            case BEARER_TYPE -> new Avp.BearerType(r.bool(), r.bool());
            case FRAMING_TYPE -> new Avp.FramingType(r.bool(), r.bool());
            case CALLED_NUMBER -> new Avp.CalledNumber(text(r, 0));
            case CALLING_NUMBER -> new Avp.CallingNumber(text(r, 0));
            case SUB_ADDRESS -> new Avp.SubAddress(text(r, 0));
            case TX_CONNECT_SPEED -> new Avp.TxConnectSpeed(u32(r));
            case PHYSICAL_CHANNEL_ID -> new Avp.PhysicalChannelId(u32(r));
            case INITIAL_RECEIVED_LCP_CONFREQ -> new Avp.InitialReceivedLcpConfReq(octets(r, 0, 64));
            case LAST_SENT_LCP_CONFREQ -> new Avp.LastSentLcpConfReq(octets(r, 0, 64));
            case LAST_RECEIVED_LCP_CONFREQ -> new Avp.LastReceivedLcpConfReq(octets(r, 0, 64));
            case PROXY_AUTHEN_TYPE -> new Avp.ProxyAuthenType(u16(r));
            case PROXY_AUTHEN_NAME -> new Avp.ProxyAuthenName(text(r, 0));
            case PROXY_AUTHEN_CHALLENGE -> new Avp.ProxyAuthenChallenge(octets(r, 0, 64));
            case PROXY_AUTHEN_ID -> new Avp.ProxyAuthenId(u8(r));
            case PROXY_AUTHEN_RESPONSE -> new Avp.ProxyAuthenResponse(octets(r, 0, 64));
            case CALL_ERRORS -> new Avp.CallErrors(u32(r), u32(r), u32(r), u32(r), u32(r), u32(r));
            case ACCM -> new Avp.Accm(r.anyInt(), r.anyInt());
            case RANDOM_VECTOR -> new Avp.RandomVector(octets(r, 0, 32));
            case PRIVATE_GROUP_ID -> new Avp.PrivateGroupId(octets(r, 0, 64));
            case RX_CONNECT_SPEED -> new Avp.RxConnectSpeed(u32(r));
            case SEQUENCING_REQUIRED -> new Avp.SequencingRequired();
        };
    }

    /** Any standard AVP, with random M-bit and, if the type allows it and hiding is on, H-bit. */
    static FlaggedAvp flagged(RandomValues r, boolean hiding) {
        AvpType t = r.oneOf(RECORD_TYPES);
        return new FlaggedAvp(avp(r, t), r.bool(), hiding && r.bool() && t.mayBeHidden());
    }

    /** An unknown AVP that a receiver must ignore: M=0, vendor-specific or unassigned type. */
    static FlaggedAvp ignorableUnknown(RandomValues r) {
        int[] id = switch (r.intBetween(0, 2)) {
            case 0 -> new int[] {r.intBetween(1, 0xFFFF), u16(r)};
            case 1 -> new int[] {0, r.intBetween(40, 0xFFFF)};
            default -> new int[] {0, 20};
        };
        return FlaggedAvp.of(new Avp.UnknownAvp(id[0], id[1], false, octets(r, 0, 32)));
    }

    /**
     * A message with its required AVPs. With hiding, a Random Vector leads so that the decoded
     * message equals the encoded one (the encoder would otherwise insert one).
     */
    public static ControlMessage message(RandomValues r, boolean hiding) {
        MessageType type = r.oneOf(MessageType.class);
        List<FlaggedAvp> avps = new ArrayList<>();
        if (hiding) {
            avps.add(FlaggedAvp.of(avp(r, AvpType.RANDOM_VECTOR)));
        }
        avps.addAll(r.listOf(0, 8, s -> s.weightedIndex(8, 1) == 0 ? flagged(s, hiding) : ignorableUnknown(s)));
        RequiredAvps.of(type).forEach(t -> avps.add(FlaggedAvp.of(avp(r, t))));
        return new ControlMessage(type, avps);
    }
}
