package io.cohort.ppp.automaton;

/** The automaton's This-Layer-* actions (RFC 1661 section 4.4), for the layer above or below. */
public interface LayerEvents {
    /** tlu: the protocol reached Opened. */
    void up();

    /** tld: the protocol left Opened. */
    void down();

    /** tls: the protocol needs the lower layer. */
    void started();

    /** tlf: the protocol no longer needs the lower layer. */
    void finished();
}
