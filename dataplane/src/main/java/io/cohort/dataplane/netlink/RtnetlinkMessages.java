package io.cohort.dataplane.netlink;

import static io.cohort.dataplane.netlink.Rtnetlink.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rtnetlink requests Cohort sends (rtnetlink(7)). Changes carry NLM_F_REQUEST | NLM_F_ACK so
 * the kernel answers every one with an NLMSG_ERROR carrying 0 or -errno; queries are sent as
 * iproute2 sends them, without NLM_F_ACK (the answer itself, or an NLMSG_ERROR, ends them).
 */
public final class RtnetlinkMessages {
    private static final int REQUEST_ACK = NLM_F_REQUEST | NLM_F_ACK;

    private RtnetlinkMessages() {
    }

    /** RTM_NEWLINK on an existing link: {@code struct ifinfomsg} changing only IFF_UP. */
    public static NetlinkRequest setLinkUp(int index, boolean up) {
        return ifinfo(index, up ? IFF_UP : 0, IFF_UP);
    }

    /** RTM_NEWLINK on an existing link: {@code struct ifinfomsg} changing only IFF_PROMISC. */
    public static NetlinkRequest setPromiscuous(int index, boolean on) {
        return ifinfo(index, on ? IFF_PROMISC : 0, IFF_PROMISC);
    }

    /**
     * RTM_GETLINK for the interface named {@code name}: {@code struct ifinfomsg} with index 0,
     * IFLA_EXT_MASK leaving out statistics, IFLA_IFNAME; the kernel answers with one RTM_NEWLINK,
     * or ENODEV.
     */
    public static NetlinkRequest getLink(String name) {
        if (name.isEmpty() || name.length() > 15 || name.indexOf('\0') >= 0
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("interface name must be 1-15 ASCII characters: '" + name + "'");
        }
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        return NetlinkRequest.of(RTM_GETLINK, NLM_F_REQUEST)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0)
                .attributeU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS)
                .attribute(IFLA_IFNAME, Arrays.copyOf(ascii, ascii.length + 1));
    }

    /**
     * RTM_GETADDR dump of the IPv4 addresses: {@code struct ifaddrmsg} with AF_INET and {@code
     * index}. The kernel honours the index only on a socket with NETLINK_GET_STRICT_CHK and
     * otherwise answers with every interface's addresses, so readers filter by index themselves.
     */
    public static NetlinkRequest dumpIpv4Addresses(int index) {
        return NetlinkRequest.of(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP)
                .u8(AF_INET).u8(0).u8(0).u8(RT_SCOPE_UNIVERSE).u32(index);
    }

    /** RTM_NEWLINK on an existing link with an IFLA_MTU attribute. */
    public static NetlinkRequest setMtu(int index, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU out of range 68..65535: " + mtu);
        }
        return ifinfo(index, 0, 0).attributeU32(IFLA_MTU, mtu);
    }

    /**
     * RTM_NEWADDR (or RTM_DELADDR): {@code struct ifaddrmsg} + IFA_LOCAL (our address) + IFA_ADDRESS
     * (the peer's on a point-to-point link, else ours again). IPv6 addresses skip duplicate address
     * detection: on a TUN there is nobody to collide with and they are usable at once.
     */
    public static NetlinkRequest address(boolean add, int index, InetAddress local, int prefixLength, InetAddress peer) {
        int family = familyOf(local);
        if (peer != null && familyOf(peer) != family) {
            throw new IllegalArgumentException("local " + local + " and peer " + peer + " differ in family");
        }
        checkPrefix(local, prefixLength);
        NetlinkRequest request = NetlinkRequest.of(add ? RTM_NEWADDR : RTM_DELADDR,
                        add ? REQUEST_ACK | NLM_F_CREATE | NLM_F_EXCL : REQUEST_ACK)
                .u8(family).u8(prefixLength).u8(family == AF_INET6 ? IFA_F_NODAD : 0).u8(RT_SCOPE_UNIVERSE)
                .u32(index)
                .attribute(IFA_LOCAL, local.getAddress());
        return request.attribute(IFA_ADDRESS, (peer != null ? peer : local).getAddress());
    }

    /**
     * RTM_NEWROUTE (or RTM_DELROUTE) for {@code destination/prefixLength} out of interface
     * {@code index} in the main table: {@code struct rtmsg} + RTA_DST + RTA_OIF. IPv4 device
     * routes get link scope, as {@code ip route add … dev …} gives them.
     */
    public static NetlinkRequest route(boolean add, int index, InetAddress destination, int prefixLength) {
        int family = familyOf(destination);
        checkPrefix(destination, prefixLength);
        int scope = !add ? RT_SCOPE_NOWHERE : family == AF_INET ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        return NetlinkRequest.of(add ? RTM_NEWROUTE : RTM_DELROUTE,
                        add ? REQUEST_ACK | NLM_F_CREATE | NLM_F_EXCL : REQUEST_ACK)
                .u8(family).u8(prefixLength).u8(0).u8(0)
                .u8(RT_TABLE_MAIN).u8(add ? RTPROT_BOOT : 0).u8(scope).u8(add ? RTN_UNICAST : 0)
                .u32(0)
                .attribute(RTA_DST, destination.getAddress())
                .attributeU32(RTA_OIF, index);
    }

    /**
     * RTM_NEWNEIGH (or RTM_DELNEIGH) of a proxy entry, as {@code ip neigh add proxy ADDRESS dev
     * DEVICE} sends it: {@code struct ndmsg} (AF_INET, {@code index}, NUD_PERMANENT, NTF_PROXY)
     * + NDA_DST. With it the kernel answers ARP requests for {@code address} on that interface
     * with the interface's own MAC, when it routes the address out of another interface.
     */
    public static NetlinkRequest proxyNeighbour(boolean add, int index, Inet4Address address) {
        return NetlinkRequest.of(add ? RTM_NEWNEIGH : RTM_DELNEIGH,
                        add ? REQUEST_ACK | NLM_F_CREATE | NLM_F_EXCL : REQUEST_ACK)
                .u8(AF_INET).u8(0).u16(0).u32(index).u16(NUD_PERMANENT).u8(NTF_PROXY).u8(0)
                .attribute(NDA_DST, address.getAddress());
    }

    /**
     * RTM_GETNEIGH dump of the IPv4 proxy entries ({@code struct ndmsg} whose flags are exactly
     * NTF_PROXY, which is what makes the kernel dump its proxy table): every interface's, the
     * reader filters by index.
     */
    public static NetlinkRequest dumpProxyNeighbours() {
        return NetlinkRequest.of(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP)
                .u8(AF_INET).u8(0).u16(0).u32(0).u16(0).u8(NTF_PROXY).u8(0);
    }

    private static NetlinkRequest ifinfo(int index, int flags, int change) {
        return NetlinkRequest.of(RTM_NEWLINK, REQUEST_ACK)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    private static int familyOf(InetAddress address) {
        return address instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    private static void checkPrefix(InetAddress address, int prefixLength) {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + max + " for " + address);
        }
    }
}
