/**
 * Raw IPv4 sockets for one IP protocol ({@link io.cohort.dataplane.rawip.RawIpSocket}), used for
 * PPTP's enhanced GRE (IP protocol 47: this kernel has no GRE module, and user space must do GRE
 * anyway), the IPv4 header as the kernel delivers it ({@link io.cohort.dataplane.rawip.Ipv4Header})
 * and the reader thread that hands each datagram on ({@link io.cohort.dataplane.rawip.RawIpReader}).
 * Depends on the JDK, {@code libc} and {@code telemetry}; never on protocol modules: the payload
 * is opaque here.
 */
package io.cohort.dataplane.rawip;
