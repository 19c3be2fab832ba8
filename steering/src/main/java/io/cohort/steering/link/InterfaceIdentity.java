package io.cohort.steering.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcap4j.util.MacAddress;

/**
 * The steering interface as its neighbours see it: its name, its own MAC and its primary IPv4
 * address (the sender address of our ARP requests; none means ARP probes from 0.0.0.0).
 */
public record InterfaceIdentity(String name, MacAddress mac, Optional<Inet4Address> address) {
    private static final Pattern ETHER = Pattern.compile("\\slink/ether ([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})\\s");
    private static final Pattern INET = Pattern.compile("\\sinet (\\d{1,3}(?:\\.\\d{1,3}){3})/");

    /**
     * Reads {@code name}'s MAC and first IPv4 address with {@code ip}, in the calling thread's
     * network namespace. ({@link java.net.NetworkInterface} is no help there: it lists only
     * interfaces that have an IPv4 address, plus IPv6 ones from the process's namespace.)
     *
     * @throws IOException if there is no such Ethernet interface (the message names it)
     */
    public static InterfaceIdentity read(String name) throws IOException {
        Matcher ether = ETHER.matcher(IpCommand.run("-o", "link", "show", "dev", name));
        if (!ether.find()) {
            throw new IOException("interface " + name + " has no Ethernet address");
        }
        Matcher inet = INET.matcher(IpCommand.run("-4", "-o", "addr", "show", "dev", name));
        Optional<Inet4Address> address = Optional.empty();
        if (inet.find()) {
            address = Optional.of((Inet4Address) InetAddress.getByName(inet.group(1)));
        }
        return new InterfaceIdentity(name, MacAddress.getByName(ether.group(1)), address);
    }
}
