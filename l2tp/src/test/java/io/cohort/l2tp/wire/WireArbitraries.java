package io.cohort.l2tp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every AVP record and for whole control messages. */
final class WireArbitraries {
    private WireArbitraries() {}

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    static Arbitrary<String> text(int min) {
        return Arbitraries.strings().alpha().numeric().withChars("-. é€").ofMinLength(min).ofMaxLength(40);
    }

    static Arbitrary<byte[]> octets(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    /** A random value of this AVP type. */
    static Arbitrary<? extends Avp.Standard> avp(AvpType type) {
        return switch (type) {
            case MESSAGE_TYPE -> throw new IllegalArgumentException("not an Avp record");
            case RESULT_CODE -> Combinators.combine(u16(), u16().injectNull(0.3), text(0))
                    .as((r, e, m) -> e == null ? new Avp.ResultCode(r, OptionalInt.empty(), "")
                            : new Avp.ResultCode(r, OptionalInt.of(e), m));
            case PROTOCOL_VERSION -> Combinators.combine(u8(), u8()).as(Avp.ProtocolVersion::new);
            case FRAMING_CAPABILITIES -> bools().map(b -> new Avp.FramingCapabilities(b[0], b[1]));
            case BEARER_CAPABILITIES -> bools().map(b -> new Avp.BearerCapabilities(b[0], b[1]));
            case TIE_BREAKER -> Arbitraries.longs().map(Avp.TieBreaker::new);
            case FIRMWARE_REVISION -> u16().map(Avp.FirmwareRevision::new);
            case HOST_NAME -> text(1).map(Avp.HostName::new);
            case VENDOR_NAME -> text(0).map(Avp.VendorName::new);
            case ASSIGNED_TUNNEL_ID -> u16().map(Avp.AssignedTunnelId::new);
            case RECEIVE_WINDOW_SIZE -> u16().map(Avp.ReceiveWindowSize::new);
            case CHALLENGE -> octets(1, 64).map(Avp.Challenge::new);
            case Q931_CAUSE_CODE -> Combinators.combine(u16(), u8(), text(0)).as(Avp.Q931CauseCode::new);
            case CHALLENGE_RESPONSE -> octets(16, 16).map(Avp.ChallengeResponse::new);
            case ASSIGNED_SESSION_ID -> u16().map(Avp.AssignedSessionId::new);
            case CALL_SERIAL_NUMBER -> u32().map(Avp.CallSerialNumber::new);
            case MINIMUM_BPS -> u32().map(Avp.MinimumBps::new);
            case MAXIMUM_BPS -> u32().map(Avp.MaximumBps::new);
            case BEARER_TYPE -> bools().map(b -> new Avp.BearerType(b[0], b[1]));
            case FRAMING_TYPE -> bools().map(b -> new Avp.FramingType(b[0], b[1]));
            case CALLED_NUMBER -> text(0).map(Avp.CalledNumber::new);
            case CALLING_NUMBER -> text(0).map(Avp.CallingNumber::new);
            case SUB_ADDRESS -> text(0).map(Avp.SubAddress::new);
            case TX_CONNECT_SPEED -> u32().map(Avp.TxConnectSpeed::new);
            case PHYSICAL_CHANNEL_ID -> u32().map(Avp.PhysicalChannelId::new);
            case INITIAL_RECEIVED_LCP_CONFREQ -> octets(0, 64).map(Avp.InitialReceivedLcpConfReq::new);
            case LAST_SENT_LCP_CONFREQ -> octets(0, 64).map(Avp.LastSentLcpConfReq::new);
            case LAST_RECEIVED_LCP_CONFREQ -> octets(0, 64).map(Avp.LastReceivedLcpConfReq::new);
            case PROXY_AUTHEN_TYPE -> u16().map(Avp.ProxyAuthenType::new);
            case PROXY_AUTHEN_NAME -> text(0).map(Avp.ProxyAuthenName::new);
            case PROXY_AUTHEN_CHALLENGE -> octets(0, 64).map(Avp.ProxyAuthenChallenge::new);
            case PROXY_AUTHEN_ID -> u8().map(Avp.ProxyAuthenId::new);
            case PROXY_AUTHEN_RESPONSE -> octets(0, 64).map(Avp.ProxyAuthenResponse::new);
            case CALL_ERRORS -> Combinators.combine(u32(), u32(), u32(), u32(), u32(), u32())
                    .as(Avp.CallErrors::new);
            case ACCM -> Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Avp.Accm::new);
            case RANDOM_VECTOR -> octets(0, 32).map(Avp.RandomVector::new);
            case PRIVATE_GROUP_ID -> octets(0, 64).map(Avp.PrivateGroupId::new);
            case RX_CONNECT_SPEED -> u32().map(Avp.RxConnectSpeed::new);
            case SEQUENCING_REQUIRED -> Arbitraries.just(new Avp.SequencingRequired());
        };
    }

    private static Arbitrary<boolean[]> bools() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((a, b) -> new boolean[] {a, b});
    }

    /** Any standard AVP, with random M-bit and, if the type allows it and hiding is on, H-bit. */
    static Arbitrary<FlaggedAvp> flagged(boolean hiding) {
        Arbitrary<AvpType> types = Arbitraries.of(AvpType.values()).filter(t -> t != AvpType.MESSAGE_TYPE);
        return types.flatMap(t -> Combinators.combine(avp(t), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((a, m, h) -> new FlaggedAvp(a, m, hiding && h && t.mayBeHidden())));
    }

    /** An unknown AVP that a receiver must ignore: M=0, vendor-specific or unassigned type. */
    static Arbitrary<FlaggedAvp> ignorableUnknown() {
        Arbitrary<int[]> ids = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(1, 0xFFFF), u16()).as((v, t) -> new int[] {v, t}),
                Arbitraries.integers().between(40, 0xFFFF).map(t -> new int[] {0, t}),
                Arbitraries.just(new int[] {0, 20}));
        return Combinators.combine(ids, octets(0, 32))
                .as((id, v) -> FlaggedAvp.of(new Avp.UnknownAvp(id[0], id[1], false, v)));
    }

    /**
     * A message with its required AVPs. With hiding, a Random Vector leads so that the decoded
     * message equals the encoded one (the encoder would otherwise insert one).
     */
    static Arbitrary<ControlMessage> messages(boolean hiding) {
        Arbitrary<FlaggedAvp> any = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, flagged(hiding)), net.jqwik.api.Tuple.of(1, ignorableUnknown()));
        return Arbitraries.of(MessageType.values()).flatMap(type -> {
            List<Arbitrary<Avp.Standard>> required = RequiredAvps.of(type).stream()
                    .map(t -> avp(t).map(a -> (Avp.Standard) a)).toList();
            Arbitrary<List<Avp.Standard>> requiredValues = required.isEmpty() ? Arbitraries.just(List.of())
                    : Combinators.combine(required).as(l -> l);
            return Combinators.combine(any.list().ofMaxSize(8), requiredValues, avp(AvpType.RANDOM_VECTOR))
                    .as((extra, req, rv) -> {
                        List<FlaggedAvp> avps = new ArrayList<>();
                        if (hiding) {
                            avps.add(FlaggedAvp.of(rv));
                        }
                        avps.addAll(extra);
                        req.forEach(a -> avps.add(FlaggedAvp.of(a)));
                        return new ControlMessage(type, avps);
                    });
        });
    }
}
