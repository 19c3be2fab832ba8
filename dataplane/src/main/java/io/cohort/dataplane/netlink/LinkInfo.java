package io.cohort.dataplane.netlink;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An interface as RTM_NEWLINK describes it (rtnetlink(7)): {@code struct ifinfomsg} (family,
 * type, index, flags, change mask) followed by IFLA_IFNAME and IFLA_ADDRESS among other
 * attributes.
 *
 * @param index the interface index
 * @param name the interface name
 * @param type the link type ({@code ARPHRD_*} of linux/if_arp.h: 1 for Ethernet, 772 for loopback)
 * @param flags the device flags ({@code IFF_*}); IFF_PROMISC and IFF_ALLMULTI as set by users
 *     (the kernel reports its user-set flags, not the promiscuity packet sockets add)
 * @param hardwareAddress the link-layer address (six octets on Ethernet; empty if none, as on a TUN)
 */
public record LinkInfo(int index, String name, int type, int flags, byte[] hardwareAddress) {
    /** {@code ARPHRD_ETHER}: Ethernet, veth and bridges included. */
    public static final int ARPHRD_ETHER = 1;
    private static final int IFINFOMSG_SIZE = 16;

    public LinkInfo {
        Objects.requireNonNull(name);
        hardwareAddress = hardwareAddress.clone();
    }

    /** Whether this is an Ethernet link with a six-octet MAC. */
    public boolean ethernet() {
        return type == ARPHRD_ETHER && hardwareAddress.length == 6;
    }

    /** Whether the user-set IFF_PROMISC flag is on. */
    public boolean promiscuous() {
        return (flags & Rtnetlink.IFF_PROMISC) != 0;
    }

    /** Whether IFF_UP is on. */
    public boolean up() {
        return (flags & Rtnetlink.IFF_UP) != 0;
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinkInfo o && index == o.index && type == o.type && flags == o.flags
                && name.equals(o.name)
                && Arrays.equals(hardwareAddress, o.hardwareAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, type, flags, Arrays.hashCode(hardwareAddress));
    }

    @Override
    public String toString() {
        return "LinkInfo[" + index + ": " + name + ", type " + type + ", flags 0x" + Integer.toHexString(flags) + ", address "
                + HexFormat.ofDelimiter(":").formatHex(hardwareAddress) + "]";
    }

    /**
     * Reads an RTM_NEWLINK message.
     *
     * @throws IllegalArgumentException if it is not one, or is malformed
     */
    static LinkInfo parse(NetlinkMessage message) {
        if (message.type() != Rtnetlink.RTM_NEWLINK || message.payload().remaining() < IFINFOMSG_SIZE) {
            throw new IllegalArgumentException("not an RTM_NEWLINK message: type " + message.type() + ", "
                    + message.payload().remaining() + " bytes");
        }
        RouteAttributes attributes = RouteAttributes.parse(message.payload(), IFINFOMSG_SIZE);
        return new LinkInfo(message.payload().getInt(4),
                attributes.string(Rtnetlink.IFLA_IFNAME)
                        .orElseThrow(() -> new IllegalArgumentException("RTM_NEWLINK without IFLA_IFNAME")),
                Short.toUnsignedInt(message.payload().getShort(2)), message.payload().getInt(8), attributes.bytes(Rtnetlink.IFLA_ADDRESS).orElse(new byte[0]));
    }
}
