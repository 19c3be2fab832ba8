/**
 * The kernel filter of a member (DESIGN.md, "Steering packets to members"): an nftables set of
 * the work units this member owns, and input rules that silently drop TCP to the PPTP port and
 * GRE for the cluster IP whose unit another member owns, so that a non-owner's kernel never
 * answers (no RST, no ICMP). {@link io.cohort.steering.kernel.KernelRules} renders the scripts,
 * {@link io.cohort.steering.kernel.Nftables} applies them through libnftables as transactions,
 * {@link io.cohort.steering.kernel.KernelFilter} keeps the set equal to the member's units.
 *
 * <p>The FIN guard: PPTP's FIN and RST from the cluster IP pass through a netfilter queue without
 * bypass, which the member's process holds and accepts while it runs; once the process has died,
 * the kernel drops them, so a killed member's kernel cannot end the connections another member
 * took over. A live member's FIN and RST pass unchanged. See {@link
 * io.cohort.steering.kernel.KernelRules} and the module's README ("Stop order").
 *
 * <p>The kernel computes each packet's unit exactly as
 * {@link io.cohort.cluster.unit.WorkFilter} does. Depends on {@code cluster} (units),
 * {@code telemetry} and {@code dataplane}'s netfilter queue; knows nothing of protocols or of how
 * assignments are made.
 */
package io.cohort.steering.kernel;
