package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessageType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The control connection's reaction to every received message type in every state, as a table
 * (RFC 2637 sections 3.1.2 and 3.2.4.1, Cohort being the receiver and the PAC). Messages only a
 * PAC sends (Start-Control-Connection-Reply, Outgoing-Call-Reply) or that answer requests Cohort
 * never makes (Incoming-Call-Reply, Incoming-Call-Connected, an unsolicited Stop reply) are
 * illegal: "the control connection should be closed" (3).
 */
public final class ControlTransitions {
    private static final Map<ControlState, Map<ControlMessageType, Reaction>> TABLE = new EnumMap<>(ControlState.class);

    static {
        for (ControlState s : ControlState.values()) {
            TABLE.put(s, new EnumMap<>(ControlMessageType.class));
        }
        for (ControlMessageType t : ControlMessageType.values()) {
            TABLE.get(ControlState.IDLE).put(t, Reaction.CLOSE);
            TABLE.get(ControlState.ESTABLISHED).put(t, Reaction.STOP);
            TABLE.get(ControlState.WAIT_STOP_REPLY).put(t, Reaction.IGNORE);
            TABLE.get(ControlState.CLOSED).put(t, Reaction.IGNORE);
        }
        TABLE.get(ControlState.IDLE).put(ControlMessageType.START_CONTROL_CONNECTION_REQUEST, Reaction.START);

        Map<ControlMessageType, Reaction> established = TABLE.get(ControlState.ESTABLISHED);
        established.put(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, Reaction.STOP_REPLY_AND_CLOSE);
        established.put(ControlMessageType.ECHO_REQUEST, Reaction.ECHO_REPLY);
        established.put(ControlMessageType.ECHO_REPLY, Reaction.ECHO_ANSWERED);
        established.put(ControlMessageType.OUTGOING_CALL_REQUEST, Reaction.OUTGOING_CALL);
        established.put(ControlMessageType.INCOMING_CALL_REQUEST, Reaction.REFUSE_INCOMING_CALL);
        established.put(ControlMessageType.CALL_CLEAR_REQUEST, Reaction.CLEAR_CALL);
        established.put(ControlMessageType.CALL_DISCONNECT_NOTIFY, Reaction.PEER_DISCONNECTED_CALL);
        established.put(ControlMessageType.SET_LINK_INFO, Reaction.LINK_INFO);
        established.put(ControlMessageType.WAN_ERROR_NOTIFY, Reaction.WAN_ERROR);

        Map<ControlMessageType, Reaction> stopping = TABLE.get(ControlState.WAIT_STOP_REPLY);
        stopping.put(ControlMessageType.STOP_CONTROL_CONNECTION_REPLY, Reaction.CLOSE_AFTER_STOP_REPLY);
        stopping.put(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, Reaction.STOP_REPLY_AND_CLOSE);
        stopping.put(ControlMessageType.ECHO_REQUEST, Reaction.ECHO_REPLY);
    }

    private ControlTransitions() {
    }

    /** The reaction to a message of {@code type} received in {@code state}; defined for every pair. */
    public static Reaction of(ControlState state, ControlMessageType type) {
        return TABLE.get(state).get(type);
    }
}
