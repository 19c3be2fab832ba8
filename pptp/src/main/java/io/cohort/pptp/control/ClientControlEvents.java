package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;

/** What a {@link ClientControlConnection} asks of its transport and tells its owner, on the engine thread. */
public interface ClientControlEvents {
    /** Writes a message on the TCP connection (encode with {@code PptpCodec.encode}). */
    void send(ControlMessage message);

    /** The Start-Control-Connection-Reply was success with a version we speak (3.1.1 established). */
    default void established(ControlMessage.StartControlConnectionReply reply) {
    }

    /** The Outgoing-Call-Reply said Connected: start PPP over GRE for this call. */
    void callUp(PptpCall call);

    /** A call placed with {@code callId} never came up (error reply, or the connection ended first). */
    void callFailed(int callId, String reason);

    /** An established call is over; its Call ID is released. {@code reason} holds no secrets. */
    void callDown(PptpCall call, String reason);

    /**
     * Close the TCP connection once what was sent is flushed (3.1.1: "pushed"). Every call has been
     * reported failed or down before this; the connection does nothing more.
     */
    void closeTransport(String reason);
}
