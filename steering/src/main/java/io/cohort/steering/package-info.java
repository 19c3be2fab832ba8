/**
 * Steering packets for the cluster IP to the member that owns their work unit (DESIGN.md,
 * "Steering packets to members"; the patent's "Normal IP packet processing"). Three modes:
 * forwarding (the master holds the cluster IP's MAC and forwards), a cluster-wide unicast MAC, a
 * multicast MAC. On every member a kernel filter (an nftables set of owned units) keeps
 * non-owners' kernels from answering TCP 1723 or GRE; L2TP's UDP is filtered in userspace.
 */
package io.cohort.steering;
