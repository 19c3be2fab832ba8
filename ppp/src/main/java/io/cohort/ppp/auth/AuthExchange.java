package io.cohort.ppp.auth;

import io.cohort.ppp.wire.ControlPacket;

/**
 * One side of an authentication-phase protocol (PAP or CHAP, server or client) on one link.
 * Driven on the engine thread; reports once through {@link AuthOutcome}.
 */
public interface AuthExchange {
    /** Begins the exchange (RFC 1661 3.5: the Authenticate phase starts). */
    void start();

    /** A packet of this exchange's protocol from the peer; bad ones are counted and dropped. */
    void receive(ControlPacket packet);

    /** Ends the exchange: timers cancelled, late authenticator completions ignored. */
    void stop();
}
