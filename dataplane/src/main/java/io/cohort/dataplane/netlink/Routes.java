package io.cohort.dataplane.netlink;

import io.cohort.dataplane.libc.SystemCallException;
import java.net.InetAddress;

/** Device routes (IPv4 and IPv6, host or prefix) in the main table, added and deleted by netlink. */
public final class Routes {
    private final NetlinkSocket netlink;

    public Routes(NetlinkSocket netlink) {
        this.netlink = netlink;
    }

    /** Routes {@code destination/prefixLength} out of {@code device}; EEXIST if the route exists. */
    public void add(String device, InetAddress destination, int prefixLength) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.route(true, netlink.interfaceIndex(device), destination, prefixLength),
                "RTM_NEWROUTE(" + destination.getHostAddress() + "/" + prefixLength + ")", device);
    }

    /** Deletes that route; ESRCH if there is none. */
    public void delete(String device, InetAddress destination, int prefixLength) throws SystemCallException {
        netlink.execute(RtnetlinkMessages.route(false, netlink.interfaceIndex(device), destination, prefixLength),
                "RTM_DELROUTE(" + destination.getHostAddress() + "/" + prefixLength + ")", device);
    }
}
