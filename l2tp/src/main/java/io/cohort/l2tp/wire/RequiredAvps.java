package io.cohort.l2tp.wire;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AVPs that RFC 2661 section 6 says MUST be present in each control message (besides the
 * Message Type AVP, which every decoded message has). AVPs required only in some situations,
 * such as a Challenge Response after a Challenge, are the state machines' business.
 */
public final class RequiredAvps {
    private static final Map<MessageType, List<AvpType>> REQUIRED = new EnumMap<>(MessageType.class);

    static {
        List<AvpType> tunnelStart = List.of(AvpType.PROTOCOL_VERSION, AvpType.HOST_NAME,
                AvpType.FRAMING_CAPABILITIES, AvpType.ASSIGNED_TUNNEL_ID);
        REQUIRED.put(MessageType.SCCRQ, tunnelStart); // 6.1
        REQUIRED.put(MessageType.SCCRP, tunnelStart); // 6.2
        REQUIRED.put(MessageType.SCCCN, List.of()); // 6.3
        REQUIRED.put(MessageType.StopCCN, List.of(AvpType.ASSIGNED_TUNNEL_ID, AvpType.RESULT_CODE)); // 6.4
        REQUIRED.put(MessageType.HELLO, List.of()); // 6.5
        REQUIRED.put(MessageType.ICRQ, List.of(AvpType.ASSIGNED_SESSION_ID, AvpType.CALL_SERIAL_NUMBER)); // 6.6
        REQUIRED.put(MessageType.ICRP, List.of(AvpType.ASSIGNED_SESSION_ID)); // 6.7
        REQUIRED.put(MessageType.ICCN, List.of(AvpType.TX_CONNECT_SPEED, AvpType.FRAMING_TYPE)); // 6.8
        REQUIRED.put(MessageType.OCRQ, List.of(AvpType.ASSIGNED_SESSION_ID, AvpType.CALL_SERIAL_NUMBER,
                AvpType.MINIMUM_BPS, AvpType.MAXIMUM_BPS, AvpType.BEARER_TYPE, AvpType.FRAMING_TYPE,
                AvpType.CALLED_NUMBER)); // 6.9
        REQUIRED.put(MessageType.OCRP, List.of(AvpType.ASSIGNED_SESSION_ID)); // 6.10
        REQUIRED.put(MessageType.OCCN, List.of(AvpType.TX_CONNECT_SPEED, AvpType.FRAMING_TYPE)); // 6.11
        REQUIRED.put(MessageType.CDN, List.of(AvpType.RESULT_CODE, AvpType.ASSIGNED_SESSION_ID)); // 6.12
        REQUIRED.put(MessageType.WEN, List.of(AvpType.CALL_ERRORS)); // 6.13
        REQUIRED.put(MessageType.SLI, List.of(AvpType.ACCM)); // 6.14
    }

    private RequiredAvps() {}

    /** The AVPs that MUST be present in a message of this type, in RFC order. */
    public static List<AvpType> of(MessageType type) {
        return REQUIRED.get(type);
    }

    /** The first required AVP the message lacks, or empty if it has them all. */
    public static Optional<AvpType> firstMissing(ControlMessage message) {
        for (AvpType t : REQUIRED.get(message.type())) {
            if (!message.contains(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
