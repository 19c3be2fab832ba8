package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reaction table itself: defined everywhere, and the rows RFC 2637 3.1.2 and 3.2.4.1 name. */
class ControlTransitionsTest {
    @Test
    void everyStateAndMessageTypeHasAReaction() {
        for (ControlState s : ControlState.values()) {
            for (ControlMessageType t : ControlMessageType.values()) {
                assertThat(ControlTransitions.of(s, t)).as("%s x %s", s, t).isNotNull();
            }
        }
    }

    @Test
    void beforeEstablishmentOnlyAStartRequestIsLegal() {
        for (ControlMessageType t : ControlMessageType.values()) {
            assertThat(ControlTransitions.of(ControlState.IDLE, t)).isEqualTo(
                    t == ControlMessageType.START_CONTROL_CONNECTION_REQUEST ? Reaction.START : Reaction.CLOSE);
        }
    }

    @Test
    void afterCloseEverythingIsIgnored() {
        for (ControlMessageType t : ControlMessageType.values()) {
            assertThat(ControlTransitions.of(ControlState.CLOSED, t)).isEqualTo(Reaction.IGNORE);
        }
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @CsvSource({
            "ESTABLISHED, START_CONTROL_CONNECTION_REQUEST, STOP",
            "ESTABLISHED, START_CONTROL_CONNECTION_REPLY,   STOP",
            "ESTABLISHED, STOP_CONTROL_CONNECTION_REQUEST,  STOP_REPLY_AND_CLOSE",
            "ESTABLISHED, STOP_CONTROL_CONNECTION_REPLY,    STOP",
            "ESTABLISHED, ECHO_REQUEST,                     ECHO_REPLY",
            "ESTABLISHED, ECHO_REPLY,                       ECHO_ANSWERED",
            "ESTABLISHED, OUTGOING_CALL_REQUEST,            OUTGOING_CALL",
            "ESTABLISHED, OUTGOING_CALL_REPLY,              STOP",
            "ESTABLISHED, INCOMING_CALL_REQUEST,            REFUSE_INCOMING_CALL",
            "ESTABLISHED, INCOMING_CALL_REPLY,              STOP",
            "ESTABLISHED, INCOMING_CALL_CONNECTED,          STOP",
            "ESTABLISHED, CALL_CLEAR_REQUEST,               CLEAR_CALL",
            "ESTABLISHED, CALL_DISCONNECT_NOTIFY,           PEER_DISCONNECTED_CALL",
            "ESTABLISHED, WAN_ERROR_NOTIFY,                 WAN_ERROR",
            "ESTABLISHED, SET_LINK_INFO,                    LINK_INFO",
            "WAIT_STOP_REPLY, STOP_CONTROL_CONNECTION_REPLY,   CLOSE_AFTER_STOP_REPLY",
            "WAIT_STOP_REPLY, STOP_CONTROL_CONNECTION_REQUEST, STOP_REPLY_AND_CLOSE",
            "WAIT_STOP_REPLY, ECHO_REQUEST,                    ECHO_REPLY",
            "WAIT_STOP_REPLY, OUTGOING_CALL_REQUEST,           IGNORE",
            "WAIT_STOP_REPLY, CALL_CLEAR_REQUEST,              IGNORE",
    })
    void rows(ControlState state, ControlMessageType type, Reaction reaction) {
        assertThat(ControlTransitions.of(state, type)).isEqualTo(reaction);
    }
}
