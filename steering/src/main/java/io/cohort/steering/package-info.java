/**
 * Steering packets for the cluster IP to the member that owns their work unit (DESIGN.md,
 * "Steering packets to members"; the patent's "Normal IP packet processing"). Three modes:
 * forwarding (the master holds the cluster IP's MAC and forwards), a cluster-wide unicast MAC, a
 * multicast MAC. On every member a kernel filter (an nftables set of owned units) keeps
 * non-owners' kernels from answering TCP 1723 or GRE; L2TP's UDP is filtered in userspace. Its FIN
 * guard keeps a killed member's kernel from closing PPTP connections another member took over.
 *
 * <p>This package holds the modes: {@link io.cohort.steering.SteeringMode} and one class per
 * mode, each owning what differs between them (the steering MAC and which configured MACs suit
 * it, the LAN interface's preparation, the kernel filter's ingress rule, the master's {@link
 * io.cohort.steering.CaptureDecision} for a packet of an unowned or owned unit). The mechanisms
 * they choose between live in {@code link} (capture, ARP, forwarding, interface preparation) and
 * {@code kernel} (nftables); {@code member} wires them for one member.
 */
package io.cohort.steering;
