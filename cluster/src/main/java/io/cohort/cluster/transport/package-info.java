/**
 * The cluster's UDP transport: members exchange opaque datagrams on the cluster network with Netty
 * (epoll where available, NIO otherwise), reaching all members by an IPv4 multicast group, the
 * subnet broadcast address or a static peer list
 * ({@link io.cohort.cluster.transport.TransportMode}, configured by
 * {@link io.cohort.cluster.transport.TransportSettings}). It knows nothing of the bytes it carries:
 * the message codec and the sealing of {@link io.cohort.cluster.secure} sit above it. This is the
 * only package of the module that opens sockets and runs threads.
 */
package io.cohort.cluster.transport;
