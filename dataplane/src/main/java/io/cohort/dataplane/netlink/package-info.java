/**
 * Interface and route configuration over rtnetlink (NETLINK_ROUTE): a small message builder
 * ({@link io.cohort.dataplane.netlink.NetlinkRequest}), the rtnetlink messages Cohort sends
 * ({@link io.cohort.dataplane.netlink.RtnetlinkMessages}), ACK parsing, the socket, and the
 * operations {@link io.cohort.dataplane.netlink.InterfaceConfig},
 * {@link io.cohort.dataplane.netlink.Routes} and {@link io.cohort.dataplane.netlink.ProxyNeighbours}. Depends on the JDK and {@code libc} only.
 */
package io.cohort.dataplane.netlink;
