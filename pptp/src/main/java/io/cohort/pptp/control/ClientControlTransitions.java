package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessageType;

/**
 * The originating PNS's reaction to every received message type in every state (RFC 2637 sections
 * 3.1.1 and 3.2.4.2), the mirror of {@link ControlTransitions}. Messages only a PNS sends
 * (Start-Control-Connection-Request, Outgoing-Call-Request, Incoming-Call-Reply,
 * Incoming-Call-Connected, Call-Clear-Request, Set-Link-Info) and replies to requests we never
 * made are illegal: "the control connection should be closed" (3).
 */
public final class ClientControlTransitions {
    private static final TransitionTable<ClientControlState, ClientReaction> TABLE = TransitionTable.<ClientControlState, ClientReaction>of(
                    ClientControlState.class)
            // IDLE: nothing was sent; anything the server says first is out of order.
            .otherwise(ClientControlState.IDLE, ClientReaction.CLOSE)

            .on(ClientControlState.WAIT_CTL_REPLY, ControlMessageType.START_CONTROL_CONNECTION_REPLY, ClientReaction.START_REPLY)
            .on(ClientControlState.WAIT_CTL_REPLY, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE)
            .otherwise(ClientControlState.WAIT_CTL_REPLY, ClientReaction.CLOSE)

            .on(ClientControlState.ESTABLISHED, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.ECHO_REQUEST, ClientReaction.ECHO_REPLY)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.ECHO_REPLY, ClientReaction.ECHO_ANSWERED)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.OUTGOING_CALL_REPLY, ClientReaction.OUTGOING_CALL_REPLY)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.CALL_DISCONNECT_NOTIFY, ClientReaction.CALL_DISCONNECTED)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.WAN_ERROR_NOTIFY, ClientReaction.WAN_ERROR)
            .on(ClientControlState.ESTABLISHED, ControlMessageType.INCOMING_CALL_REQUEST, ClientReaction.REFUSE_INCOMING_CALL)
            .otherwise(ClientControlState.ESTABLISHED, ClientReaction.STOP)

            .on(ClientControlState.WAIT_STOP_REPLY, ControlMessageType.STOP_CONTROL_CONNECTION_REPLY, ClientReaction.CLOSE_AFTER_STOP_REPLY)
            .on(ClientControlState.WAIT_STOP_REPLY, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, ClientReaction.STOP_REPLY_AND_CLOSE)
            .on(ClientControlState.WAIT_STOP_REPLY, ControlMessageType.ECHO_REQUEST, ClientReaction.ECHO_REPLY)
            .otherwise(ClientControlState.WAIT_STOP_REPLY, ClientReaction.IGNORE)

            .otherwise(ClientControlState.CLOSED, ClientReaction.IGNORE)
            .build();

    private ClientControlTransitions() {
    }

    /** The reaction to a message of {@code type} received in {@code state}; defined for every pair. */
    public static ClientReaction of(ClientControlState state, ControlMessageType type) {
        return TABLE.reaction(state, type);
    }
}
