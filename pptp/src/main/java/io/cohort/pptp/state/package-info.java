/**
 * The wire encoding of PPTP's replicated state (the patent's figure 7): {@link
 * io.cohort.pptp.state.PptpStateCodec} turns the initial and essential records of the control
 * connection, its calls and their GRE channels into octets for the cluster's replication channel
 * and back. It owns the format, not the records (those live beside their engines in {@code
 * control} and {@code gre}) and not the channel; it depends on the wire kit and the JDK only.
 */
package io.cohort.pptp.state;
