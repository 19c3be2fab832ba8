/**
 * A cluster member as a running thing: the {@link io.cohort.cluster.membership.ClusterNode}, its
 * {@link io.cohort.cluster.link.SecureLink} and the UDP {@link io.cohort.cluster.transport.ClusterTransport}
 * on one event loop, with the real clocks.
 */
package io.cohort.cluster.runtime;
