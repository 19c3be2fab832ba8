package io.cohort.pptp.control;

import io.cohort.telemetry.Counters;

/**
 * Which end of a control connection an engine is (RFC 2637 section 1.3): the PAC that receives the
 * TCP connection (the server, {@link ControlConnection}) or the PNS that opens it (the in-repo
 * client, {@link ClientControlConnection}). It names the end's counters and log keys, so that an
 * operator reading {@code pptp.control.*} and {@code pptp.pns.*} knows which side counted.
 */
enum ControlEnd {
    PAC("pptp.control.", "from"),
    PNS("pptp.pns.", "to");

    private final String prefix;
    private final String towardPeer;

    ControlEnd(String prefix, String towardPeer) {
        this.prefix = prefix;
        this.towardPeer = towardPeer;
    }

    /** Counts one {@code name} event ({@code rx.unknown_call}, {@code call.up}, ...) under this end's prefix. */
    void count(Counters counters, String name) {
        counters.counter(prefix + name).increment();
    }

    /** The rate-limited log key of {@code what}. */
    String logKey(String what) {
        return prefix + what;
    }

    /** "from" the peer on the PAC, "to" it on the PNS: log lines say "PPTP control connection from/to PEER". */
    String towardPeer() {
        return towardPeer;
    }
}
