package io.cohort.ppp.ccp;

/**
 * Whether MPPE runs stateless (H bit, key change per packet) or stateful. RFC 3078 section 9:
 * stateful mode "SHOULD NOT be used in lossy network environments (e.g., layer two tunnels on the
 * Internet)", which is where PPTP runs, hence the default {@link #REQUIRE}.
 */
public enum StatelessPolicy {
    /** Stateless only: ask for H, Nak requests without it. */
    REQUIRE,
    /** Ask for stateless; fall back to stateful if the peer Naks H away. */
    PREFER,
    /** Stateful only: never ask for H, Nak requests with it. */
    FORBID
}
