/**
 * Cluster membership (patent figures 6 and 8A–8I): the {@link io.cohort.cluster.membership.ClusterNode}
 * state machine of each member (join, offer to be master, master, member), the master's
 * {@link io.cohort.cluster.membership.WorkAssigner}, the election's
 * {@link io.cohort.cluster.membership.TieBreaker}, and the SPIs it talks through:
 * {@link io.cohort.cluster.membership.ClusterOutput} (the I/O layer),
 * {@link io.cohort.cluster.membership.ClusterApplication} (L2TP, PPTP, IPsec),
 * {@link io.cohort.cluster.membership.CredentialCheck} (the PKI) and
 * {@link io.cohort.cluster.membership.MasterAnnouncer} (gratuitous ARP). Sans I/O: no sockets, no
 * threads, time from an injected {@code io.cohort.time.Scheduler}.
 */
package io.cohort.cluster.membership;
