/**
 * Interface and route configuration over rtnetlink (NETLINK_ROUTE): a small message builder
 * ({@link io.cohort.dataplane.netlink.NetlinkRequest}), the rtnetlink messages Cohort sends
 * ({@link io.cohort.dataplane.netlink.RtnetlinkMessages}), ACK parsing, the socket, and the
 * operations {@link io.cohort.dataplane.netlink.InterfaceConfig} and
 * {@link io.cohort.dataplane.netlink.Routes}. Depends on the JDK and {@code libc} only.
 */
package io.cohort.dataplane.netlink;
