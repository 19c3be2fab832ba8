package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessageType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The originating PNS's reaction to every received message type in every state (RFC 2637 sections
 * 3.1.1 and 3.2.4.2), the mirror of {@link ControlTransitions}. Messages only a PNS sends
 * (Start-Control-Connection-Request, Outgoing-Call-Request, Incoming-Call-Reply,
 * Incoming-Call-Connected, Call-Clear-Request, Set-Link-Info) and replies to requests we never
 * made are illegal: "the control connection should be closed" (3).
 */
public final class ClientControlTransitions {
    private static final Map<ClientControlState, Map<ControlMessageType, ClientReaction>> TABLE =
            new EnumMap<>(ClientControlState.class);

    static {
        for (ClientControlState s : ClientControlState.values()) {
            TABLE.put(s, new EnumMap<>(ControlMessageType.class));
        }
        for (ControlMessageType t : ControlMessageType.values()) {
            // IDLE: nothing was sent; anything the server says first is out of order.
            TABLE.get(ClientControlState.IDLE).put(t, ClientReaction.CLOSE);
            TABLE.get(ClientControlState.WAIT_CTL_REPLY).put(t, ClientReaction.CLOSE);
            TABLE.get(ClientControlState.ESTABLISHED).put(t, ClientReaction.STOP);
            TABLE.get(ClientControlState.WAIT_STOP_REPLY).put(t, ClientReaction.IGNORE);
            TABLE.get(ClientControlState.CLOSED).put(t, ClientReaction.IGNORE);
        }
        Map<ControlMessageType, ClientReaction> waiting = TABLE.get(ClientControlState.WAIT_CTL_REPLY);
        waiting.put(ControlMessageType.START_CONTROL_CONNECTION_REPLY, ClientReaction.START_REPLY);
        waiting.put(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE);

        Map<ControlMessageType, ClientReaction> established = TABLE.get(ClientControlState.ESTABLISHED);
        established.put(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE);
        established.put(ControlMessageType.ECHO_REQUEST, ClientReaction.ECHO_REPLY);
        established.put(ControlMessageType.ECHO_REPLY, ClientReaction.ECHO_ANSWERED);
        established.put(ControlMessageType.OUTGOING_CALL_REPLY, ClientReaction.OUTGOING_CALL_REPLY);
        established.put(ControlMessageType.CALL_DISCONNECT_NOTIFY, ClientReaction.CALL_DISCONNECTED);
        established.put(ControlMessageType.WAN_ERROR_NOTIFY, ClientReaction.WAN_ERROR);
        established.put(ControlMessageType.INCOMING_CALL_REQUEST, ClientReaction.REFUSE_INCOMING_CALL);

        Map<ControlMessageType, ClientReaction> stopping = TABLE.get(ClientControlState.WAIT_STOP_REPLY);
        stopping.put(ControlMessageType.STOP_CONTROL_CONNECTION_REPLY, ClientReaction.CLOSE_AFTER_STOP_REPLY);
        stopping.put(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE);
        stopping.put(ControlMessageType.ECHO_REQUEST, ClientReaction.ECHO_REPLY);
    }

    private ClientControlTransitions() {
    }

    /** The reaction to a message of {@code type} received in {@code state}; defined for every pair. */
    public static ClientReaction of(ClientControlState state, ControlMessageType type) {
        return TABLE.get(state).get(type);
    }
}
