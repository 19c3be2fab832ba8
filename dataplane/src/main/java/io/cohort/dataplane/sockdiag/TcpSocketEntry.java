package io.cohort.dataplane.sockdiag;

/**
 * One socket of a sock_diag dump: its TCP state (the kernel's {@code TCP_*} numbering, e.g.
 * {@link SockDiagMessages#TCP_FIN_WAIT1}) and its identity.
 */
public record TcpSocketEntry(int state, InetDiagSocketId id) {
}
