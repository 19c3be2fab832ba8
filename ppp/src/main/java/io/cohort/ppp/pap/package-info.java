/**
 * PAP (RFC 1334 section 2): the Authenticate-Request/Ack/Nak packets and the server and client
 * exchanges. Depends on {@code wire}, {@code auth}, {@code time}; never on the link engine.
 */
package io.cohort.ppp.pap;
