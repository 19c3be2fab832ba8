/**
 * The server as a cluster member ({@code [cluster]}): the protocols' registrations with the
 * cluster layer, the member started from the configuration, its view for {@code cohort cluster},
 * and the update of a stale configuration.
 */
package io.cohort.server.cluster;
