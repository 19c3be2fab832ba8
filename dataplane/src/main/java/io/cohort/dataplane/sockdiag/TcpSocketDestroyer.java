package io.cohort.dataplane.sockdiag;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.NetlinkMessage;
import io.cohort.dataplane.netlink.NetlinkSocket;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Aborts the TCP sockets of one local address and port in the calling thread's network namespace
 * with sock_diag's SOCK_DESTROY (needs CAP_NET_ADMIN and a kernel built with
 * CONFIG_INET_DIAG_DESTROY): the kernel closes each at once, as tcp_abort does, sending an RST
 * where the state calls for one. Meant for the connections a killed process left behind, which
 * the kernel otherwise keeps retransmitting their FIN and holding the port.
 */
public final class TcpSocketDestroyer {
    private static final int ENOENT = 2;
    private static final String SUBJECT = "sock_diag socket";

    private TcpSocketDestroyer() {
    }

    /**
     * Destroys every TCP socket (IPv4, or dual-stack IPv6 with the IPv4-mapped address) bound to
     * {@code localAddress}:{@code localPort} in any of {@code states} (a bit per TCP state, e.g.
     * {@link SockDiagMessages#LINGERING_STATES}) and returns how many the kernel destroyed; a
     * socket that closed on its own meanwhile is not counted.
     *
     * @throws SystemCallException if the dump or a destroy fails, e.g. EOPNOTSUPP on a kernel
     *     without CONFIG_INET_DIAG_DESTROY or EPERM without CAP_NET_ADMIN
     */
    public static int destroy(Inet4Address localAddress, int localPort, int states) throws SystemCallException {
        try (NetlinkSocket socket = NetlinkSocket.open(SockDiagMessages.NETLINK_SOCK_DIAG, SUBJECT)) {
            int destroyed = 0;
            for (InetDiagSocketId id : matching(socket, localAddress, localPort, states)) {
                try {
                    socket.execute(SockDiagMessages.destroyTcp(id), "SOCK_DESTROY", SUBJECT);
                    destroyed++;
                } catch (SystemCallException e) {
                    if (e.errno() != ENOENT) {
                        throw e;
                    }
                }
            }
            return destroyed;
        }
    }

    /** The sockets of {@code localAddress}:{@code localPort} in {@code states}. */
    public static List<InetDiagSocketId> list(Inet4Address localAddress, int localPort, int states)
            throws SystemCallException {
        try (NetlinkSocket socket = NetlinkSocket.open(SockDiagMessages.NETLINK_SOCK_DIAG, SUBJECT)) {
            return matching(socket, localAddress, localPort, states);
        }
    }

    private static List<InetDiagSocketId> matching(NetlinkSocket socket, Inet4Address localAddress, int localPort,
                                                   int states) throws SystemCallException {
        List<InetDiagSocketId> found = new ArrayList<>();
        List<NetlinkMessage> answer = new ArrayList<>();
        for (int family : new int[] {SockDiagMessages.AF_INET, SockDiagMessages.AF_INET6}) {
            answer.addAll(socket.query(SockDiagMessages.dumpTcp(family, states, localPort),
                    "SOCK_DIAG_BY_FAMILY", SUBJECT));
        }
        for (NetlinkMessage message : answer) {
            SockDiagMessages.entry(message)
                    .filter(entry -> (states & (1 << entry.state())) != 0)
                    .map(TcpSocketEntry::id)
                    .filter(id -> id.sourcePort() == localPort && id.source().equals(localAddress))
                    .ifPresent(found::add);
        }
        return found;
    }
}
