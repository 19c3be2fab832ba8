/**
 * The PPTP control connection's wire layer (RFC 2637 sections 1.4 and 2): one record per control
 * message, enums for the coded fields, {@link io.cohort.pptp.wire.PptpCodec} and the TCP stream
 * framer {@link io.cohort.pptp.wire.ControlStreamFramer}. No state machines, no sockets.
 */
package io.cohort.pptp.wire;
