package io.cohort.dataplane.netlink;

import io.cohort.dataplane.libc.SystemCallException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The kernel's IPv4 proxy ARP entries of an interface ({@code ip neigh add proxy ADDRESS dev
 * DEVICE}), by netlink. The kernel answers an ARP request arriving on {@code DEVICE} for an
 * address with such an entry, with {@code DEVICE}'s MAC, when forwarding is on there and the
 * address is routed out of another interface (Linux {@code arp_process}); unlike {@code
 * proxy_arp=1}, for no other address.
 */
public final class ProxyNeighbours {
    /** {@code struct ndmsg}: family, two pad fields, ifindex, state, flags, type. */
    private static final int NDMSG_SIZE = 12;

    private final NetlinkSocket netlink;

    public ProxyNeighbours(NetlinkSocket netlink) {
        this.netlink = netlink;
    }

    /** Adds the proxy entry of {@code address} on {@code device}; one already there stays (no EEXIST). */
    public void add(String device, Inet4Address address) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.proxyNeighbour(true, netlink.interfaceIndex(device), address),
                "RTM_NEWNEIGH(proxy " + address.getHostAddress() + ")", device);
    }

    /** Deletes it; ENOENT if there is none. */
    public void delete(String device, Inet4Address address) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.proxyNeighbour(false, netlink.interfaceIndex(device), address),
                "RTM_DELNEIGH(proxy " + address.getHostAddress() + ")", device);
    }

    /** The addresses with a proxy entry on {@code device}. */
    public List<Inet4Address> list(String device) throws SystemCallException {
        int index = netlink.interfaceIndex(device);
        return netlink.query(RtnetlinkMessages.dumpProxyNeighbours(), "RTM_GETNEIGH(proxy)", device).stream()
                .filter(m -> m.type() == Rtnetlink.RTM_NEWNEIGH && m.payload().remaining() >= NDMSG_SIZE)
                .filter(m -> m.payload().getInt(4) == index)
                .map(ProxyNeighbours::destination)
                .filter(a -> a instanceof Inet4Address)
                .map(a -> (Inet4Address) a)
                .toList();
    }

    /**
     * NDA_DST of an RTM_NEWNEIGH message.
     *
     * @throws IllegalArgumentException if it has none, or a malformed one
     */
    static InetAddress destination(NetlinkMessage message) {
        ByteBuffer payload = message.payload();
        byte[] address = RouteAttributes.parse(payload, NDMSG_SIZE).bytes(Rtnetlink.NDA_DST)
                .orElseThrow(() -> new IllegalArgumentException("RTM_NEWNEIGH without NDA_DST"));
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("RTM_NEWNEIGH with a " + address.length + "-byte NDA_DST", e);
        }
    }
}
