package io.cohort.dataplane.sockdiag;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * An IPv4 TCP socket's {@code struct inet_diag_sockid} (linux/inet_diag.h): its ports and
 * addresses, the interface it is bound to (0: none) and the kernel's cookie for it, which
 * SOCK_DESTROY checks so that a request never hits a newer socket with the same addresses.
 *
 * @param cookie {@code idiag_cookie[0]} in the low 32 bits, {@code idiag_cookie[1]} in the high
 */
public record InetDiagSocketId(Inet4Address source, int sourcePort, Inet4Address destination, int destinationPort,
                               int interfaceIndex, long cookie) {
    public InetDiagSocketId {
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
