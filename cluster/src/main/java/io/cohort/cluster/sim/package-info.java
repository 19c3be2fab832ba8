/**
 * A deterministic simulation of a cluster: {@link io.cohort.cluster.sim.SimCluster} runs N
 * {@link io.cohort.cluster.membership.ClusterNode}s over a seeded {@link io.cohort.cluster.sim.SimNetwork}
 * (loss, delay, duplication, reordering, partitions) in virtual time, with crashes and restarts.
 * Used by the property tests and by the benchmarks module's {@code ClusterSimulationBenchmark}
 * (convergence, failover, and traffic through a {@link io.cohort.cluster.sim.SimNetwork.Tap}).
 */
package io.cohort.cluster.sim;
