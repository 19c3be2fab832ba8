/**
 * A cluster of real Cohort members on one host, for {@code cohort run --demo}, the cluster system
 * tests and the cluster benchmark: {@link io.cohort.lab.localcluster.LocalCluster} builds
 * network namespaces on one bridge ({@code NamespaceNetwork}; the host's own namespace is left
 * alone), optionally an inside LAN on a second bridge with a host behind the cluster
 * ({@link io.cohort.lab.localcluster.InsideLan}), a throw-away cluster CA, one configuration per member
 * ({@code MemberConfiguration}), starts each member as a {@code cohort run} process
 * ({@link io.cohort.lab.localcluster.MemberProcess}) and the built-in clients in the client
 * namespace ({@link io.cohort.lab.localcluster.ClientProcess}), reads the members' control
 * sockets ({@link io.cohort.lab.localcluster.ClusterSnapshot}) and removes everything on close,
 * on a JVM shutdown and after a failed start. Its building blocks serve on their own too: one
 * server ({@link io.cohort.lab.localcluster.ServerProcess}, {@code cohort run} in a namespace, in
 * its {@link io.cohort.lab.localcluster.ServerDirectory}) for the live benchmark and the system
 * tests, a namespace's link counters ({@link io.cohort.lab.localcluster.LinkCounters}).
 *
 * <p>Changes the host only through iproute2 ({@code ip netns}, {@code ip link}, {@code ip addr},
 * {@code ip route}), {@code sysctl} inside its namespaces and processes it starts. Must not depend on the CLI ({@code io.cohort.cli}), which
 * depends on it.
 */
package io.cohort.lab.localcluster;
