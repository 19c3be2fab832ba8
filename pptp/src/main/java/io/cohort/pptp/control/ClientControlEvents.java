package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;

/** What a {@link ClientControlConnection} (the PNS) asks of its transport and tells its owner, on the engine thread. */
public interface ClientControlEvents extends ControlEvents {
    /** The Start-Control-Connection-Reply was success with a version we speak (3.1.1 established). */
    default void established(ControlMessage.StartControlConnectionReply reply) {
    }

    /** A call placed with {@code callId} never came up (error reply, or the connection ended first). */
    void callFailed(int callId, String reason);
}
