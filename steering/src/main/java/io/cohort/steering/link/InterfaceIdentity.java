package io.cohort.steering.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * The steering interface as its neighbours see it: its name, its own MAC and its primary IPv4
 * address (the sender address of our ARP requests; none means ARP probes from 0.0.0.0).
 */
public record InterfaceIdentity(String name, MacAddress mac, Optional<Inet4Address> address) {

    /**
     * Reads {@code name}'s MAC and first IPv4 address in the calling thread's network namespace
     * ({@link NetworkInterface} asks the kernel through a socket of the calling thread).
     *
     * @throws UncheckedIOException if there is no such Ethernet interface
     */
    public static InterfaceIdentity read(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IOException("no interface " + name);
            }
            byte[] mac = nif.getHardwareAddress();
            if (mac == null || mac.length != MacAddress.SIZE_IN_BYTES) {
                throw new IOException("interface " + name + " has no Ethernet address");
            }
            Optional<Inet4Address> address = nif.getInterfaceAddresses().stream()
                    .map(InterfaceAddress::getAddress)
                    .filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).findFirst();
            return new InterfaceIdentity(name, MacAddress.getByAddress(mac), address);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot read interface " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
