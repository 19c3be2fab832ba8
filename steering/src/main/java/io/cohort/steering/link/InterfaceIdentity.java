package io.cohort.steering.link;

import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.LinkInfo;
import io.cohort.dataplane.netlink.NetlinkSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * The steering interface as its neighbours see it: its name, its own MAC and its primary IPv4
 * address (the sender address of our ARP requests; none means ARP probes from 0.0.0.0).
 */
public record InterfaceIdentity(String name, MacAddress mac, Optional<Inet4Address> address) {
    /**
     * Reads {@code name}'s MAC and first IPv4 address through rtnetlink, in the calling thread's
     * network namespace. ({@link java.net.NetworkInterface} is no help there: it lists only
     * interfaces that have an IPv4 address, plus IPv6 ones from the process's namespace.)
     *
     * @throws IOException if there is no such Ethernet interface (the message names it)
     */
    public static InterfaceIdentity read(String name) throws IOException {
        try (NetlinkSocket netlink = NetlinkSocket.open()) {
            InterfaceConfig config = new InterfaceConfig(netlink);
            LinkInfo link = config.link(name);
            if (!link.ethernet()) {
                throw new IOException("interface " + name + " has no Ethernet address");
            }
            Optional<Inet4Address> address = config.ipv4Addresses(name).stream()
                    .map(a -> (Inet4Address) a.address())
                    .findFirst();
            return new InterfaceIdentity(name, MacAddress.getByAddress(link.hardwareAddress()), address);
        }
    }
}
