package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;

/**
 * What either end of a control connection asks of its transport and tells its owner about calls,
 * on the engine thread; {@link ControlConnectionEvents} and {@link ClientControlEvents} add what
 * only one end reports.
 */
public interface ControlEvents {
    /** Writes a message on the TCP connection (encode with {@code PptpCodec.encode}). */
    void send(ControlMessage message);

    /** The Outgoing-Call-Reply said Connected (sent by the PAC, received by the PNS): start PPP over GRE for this call. */
    void callUp(PptpCall call);

    /** An established call is over; its Call ID is released. {@code reason} holds no secrets. */
    void callDown(PptpCall call, String reason);

    /**
     * Close the TCP connection once what was sent is flushed ("pushed", 3.1.1, 3.1.2). Every call
     * has been reported down (or failed) before this; the connection does nothing more.
     */
    void closeTransport(String reason);
}
