/**
 * TCP sockets of this network namespace seen and aborted through netlink sock_diag
 * (NETLINK_SOCK_DIAG; linux/sock_diag.h, linux/inet_diag.h): {@link
 * io.cohort.dataplane.sockdiag.SockDiagMessages} encodes the dump and SOCK_DESTROY requests and
 * decodes the kernel's {@code struct inet_diag_msg}; {@link
 * io.cohort.dataplane.sockdiag.TcpSocketDestroyer} destroys the sockets of one local address and
 * port, e.g. the orphaned connections a killed process left behind. Depends on {@code libc} and
 * {@code netlink}.
 */
package io.cohort.dataplane.sockdiag;
