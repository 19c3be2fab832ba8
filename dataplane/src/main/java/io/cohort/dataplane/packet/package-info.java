/**
 * Link-layer settings held by AF_PACKET sockets (packet(7)): {@link
 * io.cohort.dataplane.packet.EthernetMulticastMembership}, an interface's membership in an
 * Ethernet multicast group for as long as its socket is open. Depends on the JDK and {@code
 * libc} only.
 */
package io.cohort.dataplane.packet;
