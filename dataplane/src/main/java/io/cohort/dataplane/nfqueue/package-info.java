/**
 * A netfilter queue held by this process (nfnetlink_queue over NETLINK_NETFILTER): {@link
 * io.cohort.dataplane.nfqueue.NfqueueMessages} encodes bind, unbind and verdict messages and
 * decodes the kernel's packet messages; {@link io.cohort.dataplane.nfqueue.NfqueueAcceptor}
 * binds a queue and accepts every packet on it while the process lives, so that the kernel drops
 * what the queue carries once the process is dead. Depends on {@code libc}, {@code netlink} and
 * {@code telemetry}.
 */
package io.cohort.dataplane.nfqueue;
