/**
 * A TCP connection's state split as the patent's figure 7 splits it, initial ({@link
 * io.cohort.dataplane.tcprepair.TcpConnectionInitialState}: addresses and negotiated options) and
 * essential ({@link io.cohort.dataplane.tcprepair.TcpConnectionEssentialState}: sequence numbers,
 * windows, timestamp clock, queued octets), captured from a live socket and restored into a new
 * one through Linux TCP repair mode ({@link io.cohort.dataplane.tcprepair.TcpConnectionRepair}), so
 * that another member continues the PPTP control connection without a handshake, and encoded for
 * replication to that member ({@link io.cohort.dataplane.tcprepair.TcpConnectionStateCodec}).
 * Depends on {@code io.cohort.dataplane.libc} and the wire kit alone.
 */
package io.cohort.dataplane.tcprepair;
