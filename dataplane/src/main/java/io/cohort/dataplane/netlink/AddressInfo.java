package io.cohort.dataplane.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address of an interface as RTM_NEWADDR describes it (rtnetlink(7)): {@code struct
 * ifaddrmsg} (family, prefix length, flags, scope, index) followed by IFA_LOCAL (the
 * interface's own address; IPv4) and IFA_ADDRESS (the peer's on a point-to-point link, else the
 * same; the only one IPv6 gives).
 *
 * @param index the index of the interface that holds the address
 * @param address the interface's own address
 * @param prefixLength the prefix length
 */
public record AddressInfo(int index, InetAddress address, int prefixLength) {
    private static final int IFADDRMSG_SIZE = 8;

    public AddressInfo {
        Objects.requireNonNull(address);
    }

    /**
     * Reads an RTM_NEWADDR message.
     *
     * @throws IllegalArgumentException if it is not one, or is malformed
     */
    static AddressInfo parse(NetlinkMessage message) {
        if (message.type() != Rtnetlink.RTM_NEWADDR || message.payload().remaining() < IFADDRMSG_SIZE) {
            throw new IllegalArgumentException("not an RTM_NEWADDR message: type " + message.type() + ", "
                    + message.payload().remaining() + " bytes");
        }
        RouteAttributes attributes = RouteAttributes.parse(message.payload(), IFADDRMSG_SIZE);
        byte[] own = attributes.bytes(Rtnetlink.IFA_LOCAL).or(() -> attributes.bytes(Rtnetlink.IFA_ADDRESS))
                .orElseThrow(() -> new IllegalArgumentException("RTM_NEWADDR without IFA_LOCAL or IFA_ADDRESS"));
        try {
            return new AddressInfo(message.payload().getInt(4), InetAddress.getByAddress(own),
                    Byte.toUnsignedInt(message.payload().get(1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("RTM_NEWADDR with a " + own.length + "-byte address", e);
        }
    }
}
