package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessageType;

/**
 * The control connection's reaction to every received message type in every state, as a table
 * (RFC 2637 sections 3.1.2 and 3.2.4.1, Cohort being the receiver and the PAC). Messages only a
 * PAC sends (Start-Control-Connection-Reply, Outgoing-Call-Reply) or that answer requests Cohort
 * never makes (Incoming-Call-Reply, Incoming-Call-Connected, an unsolicited Stop reply) are
 * illegal: "the control connection should be closed" (3).
 */
public final class ControlTransitions {
    private static final TransitionTable<ControlState, Reaction> TABLE = TransitionTable.<ControlState, Reaction>of(
                    ControlState.class)
            .on(ControlState.IDLE, ControlMessageType.START_CONTROL_CONNECTION_REQUEST, Reaction.START)
            .otherwise(ControlState.IDLE, Reaction.CLOSE)

            .on(ControlState.ESTABLISHED, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST, Reaction.STOP_REPLY_AND_CLOSE)
            .on(ControlState.ESTABLISHED, ControlMessageType.ECHO_REQUEST, Reaction.ECHO_REPLY)
            .on(ControlState.ESTABLISHED, ControlMessageType.ECHO_REPLY, Reaction.ECHO_ANSWERED)
            .on(ControlState.ESTABLISHED, ControlMessageType.OUTGOING_CALL_REQUEST, Reaction.OUTGOING_CALL)
            .on(ControlState.ESTABLISHED, ControlMessageType.INCOMING_CALL_REQUEST, Reaction.REFUSE_INCOMING_CALL)
            .on(ControlState.ESTABLISHED, ControlMessageType.CALL_CLEAR_REQUEST, Reaction.CLEAR_CALL)
            .on(ControlState.ESTABLISHED, ControlMessageType.CALL_DISCONNECT_NOTIFY, Reaction.PEER_DISCONNECTED_CALL)
            .on(ControlState.ESTABLISHED, ControlMessageType.SET_LINK_INFO, Reaction.LINK_INFO)
            .on(ControlState.ESTABLISHED, ControlMessageType.WAN_ERROR_NOTIFY, Reaction.WAN_ERROR)
            .otherwise(ControlState.ESTABLISHED, Reaction.STOP)

            .on(ControlState.WAIT_STOP_REPLY, ControlMessageType.STOP_CONTROL_CONNECTION_REPLY,
                    Reaction.CLOSE_AFTER_STOP_REPLY)
            .on(ControlState.WAIT_STOP_REPLY, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST,
                    Reaction.STOP_REPLY_AND_CLOSE)
            .on(ControlState.WAIT_STOP_REPLY, ControlMessageType.ECHO_REQUEST, Reaction.ECHO_REPLY)
            .otherwise(ControlState.WAIT_STOP_REPLY, Reaction.IGNORE)

            .otherwise(ControlState.CLOSED, Reaction.IGNORE)
            .build();

    private ControlTransitions() {
    }

    /** The reaction to a message of {@code type} received in {@code state}; defined for every pair. */
    public static Reaction of(ControlState state, ControlMessageType type) {
        return TABLE.reaction(state, type);
    }
}
