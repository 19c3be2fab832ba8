package io.cohort.dataplane.netlink;

import io.cohort.dataplane.libc.SystemCallException;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Link settings and addresses of interfaces in the namespace of the given socket, by name.
 * Each call resolves the name and waits for the kernel's ACK.
 */
public final class InterfaceConfig {
    private final NetlinkSocket netlink;

    public InterfaceConfig(NetlinkSocket netlink) {
        this.netlink = netlink;
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
