package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;

/** What a {@link ControlConnection} (the PAC) asks of its transport and tells its owner, on the engine thread. */
public interface ControlConnectionEvents extends ControlEvents {
    /** The Start-Control-Connection-Request was accepted (3.1.2 established). */
    default void established(ControlMessage.StartControlConnectionRequest peer) {
    }
}
