package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;

/** What a {@link ControlConnection} asks of its transport and tells its owner, on the engine thread. */
public interface ControlConnectionEvents {
    /** Writes a message on the TCP connection (encode with {@code PptpCodec.encode}). */
    void send(ControlMessage message);

    /** The Start-Control-Connection-Request was accepted (3.1.2 established). */
    default void established(ControlMessage.StartControlConnectionRequest peer) {
    }

    /** An Outgoing-Call-Reply with result Connected was sent: start PPP over GRE for this call. */
    void callUp(PptpCall call);

    /** The call is over; its Call ID is released. {@code reason} holds no secrets. */
    void callDown(PptpCall call, String reason);

    /**
     * Close the TCP connection once what was sent is flushed ("pushed", 3.1.2). Every call has been
     * reported down before this; the connection does nothing more.
     */
    void closeTransport(String reason);
}
