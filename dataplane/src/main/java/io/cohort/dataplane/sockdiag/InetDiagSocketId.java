package io.cohort.dataplane.sockdiag;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * A TCP socket's {@code struct inet_diag_sockid} (linux/inet_diag.h) with IPv4 addresses: its
 * ports and addresses, the interface it is bound to (0: none) and the kernel's cookie for it,
 * which SOCK_DESTROY checks so that a request never hits a newer socket with the same addresses.
 *
 * @param family the socket's family: AF_INET, or AF_INET6 for a dual-stack socket (as Java opens
 *     by default) whose addresses are IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2)
 * @param cookie {@code idiag_cookie[0]} in the low 32 bits, {@code idiag_cookie[1]} in the high
 */
public record InetDiagSocketId(int family, Inet4Address source, int sourcePort, Inet4Address destination,
                               int destinationPort, int interfaceIndex, long cookie) {
    public InetDiagSocketId {
        if (family != SockDiagMessages.AF_INET && family != SockDiagMessages.AF_INET6) {
            throw new IllegalArgumentException("not an internet family: " + family);
        }
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + sourcePort + ", " + destinationPort);
        }
    }

    @Override
    public String toString() {
        return source.getHostAddress() + ":" + sourcePort + " -> " + destination.getHostAddress() + ":"
                + destinationPort;
    }
}
