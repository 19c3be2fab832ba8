package io.cohort.dataplane.netlink;

import io.cohort.dataplane.libc.SystemCallException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Link settings and addresses of interfaces in the namespace of the given socket, by name.
 * Each change resolves the name and waits for the kernel's ACK; each read asks the kernel.
 */
public final class InterfaceConfig {
    private final NetlinkSocket netlink;

    public InterfaceConfig(NetlinkSocket netlink) {
        this.netlink = netlink;
    }

    /** {@code device}'s index, flags and link-layer address (RTM_GETLINK); ENODEV if there is none. */
    public LinkInfo link(String device) throws SystemCallException {
        List<NetlinkMessage> answer = netlink.query(RtnetlinkMessages.getLink(device), "RTM_GETLINK", device);
        if (answer.size() != 1) {
            throw new IllegalStateException("RTM_GETLINK for " + device + " answered with " + answer.size()
                    + " messages");
        }
        return LinkInfo.parse(answer.getFirst());
    }

    /** {@code device}'s IPv4 addresses, in the kernel's order (primary addresses first). */
    public List<AddressInfo> ipv4Addresses(String device) throws SystemCallException {
        int index = netlink.interfaceIndex(device);
        return netlink.query(RtnetlinkMessages.dumpIpv4Addresses(index), "RTM_GETADDR", device).stream()
                .filter(m -> m.type() == Rtnetlink.RTM_NEWADDR)
                .map(AddressInfo::parse)
                .filter(a -> a.index() == index)
                .toList();
    }

    public void setMtu(String device, int mtu) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.setMtu(netlink.interfaceIndex(device), mtu), "RTM_NEWLINK(mtu " + mtu + ")", device);
    }

    public void setUp(String device) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.setLinkUp(netlink.interfaceIndex(device), true), "RTM_NEWLINK(up)", device);
    }

    public void setDown(String device) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.setLinkUp(netlink.interfaceIndex(device), false), "RTM_NEWLINK(down)", device);
    }

    /**
     * Turns the user-set IFF_PROMISC flag of {@code device} on or off, as {@code ip link set
     * promisc} does (the kernel counts it once, beside any packet socket's promiscuity).
     */
    public void setPromiscuous(String device, boolean on) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.setPromiscuous(netlink.interfaceIndex(device), on),
                "RTM_NEWLINK(promisc " + (on ? "on" : "off") + ")", device);
    }

    /** Adds {@code address/prefixLength} (IPv4 or IPv6) to {@code device}. */
    public void addAddress(String device, InetAddress address, int prefixLength) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.address(true, netlink.interfaceIndex(device), address, prefixLength, null),
                "RTM_NEWADDR(" + address.getHostAddress() + "/" + prefixLength + ")", device);
    }

    /** Adds {@code local} with a point-to-point {@code peer} (a /32, as on a PPP link). */
    public void addPointToPoint(String device, Inet4Address local, Inet4Address peer) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.address(true, netlink.interfaceIndex(device), local, 32, peer),
                "RTM_NEWADDR(" + local.getHostAddress() + " peer " + peer.getHostAddress() + ")", device);
    }

    public void deleteAddress(String device, InetAddress address, int prefixLength) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.address(false, netlink.interfaceIndex(device), address, prefixLength, null),
                "RTM_DELADDR(" + address.getHostAddress() + "/" + prefixLength + ")", device);
    }
}
