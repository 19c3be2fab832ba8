/**
 * The replication transport on Netty: {@link io.cohort.replication.transport.ReplicationService}
 * listens for peers' connections (their state, into the replica store) and keeps one connection
 * to each peer ({@code PeerLink}: its own state, with reconnect backoff and silence probes), each
 * behind an {@code SslHandler} of {@link io.cohort.replication.tls.MemberTls}. The logic it drives
 * (what to send, what a frame does) is {@code replication.sync}'s, without I/O.
 */
package io.cohort.replication.transport;
