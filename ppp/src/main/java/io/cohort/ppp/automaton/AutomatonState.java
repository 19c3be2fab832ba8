package io.cohort.ppp.automaton;

/** The ten states of RFC 1661 section 4.2, in the RFC's numbering. */
public enum AutomatonState {
    INITIAL, STARTING, CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED;

    /** States in which the restart timer runs (RFC 1661 section 4.6). */
    boolean timerRuns() {
        return this == CLOSING || this == STOPPING || this == REQ_SENT || this == ACK_RCVD
                || this == ACK_SENT;
    }
}
