package io.cohort.steering.link;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.net.Inet4Address;
import org.pcap4j.util.MacAddress;

/**
 * Gratuitous ARP for addresses this host answers for on one interface (RFC 5227 section 3
 * announcements: sender and target IP the announced address, sender MAC the interface's), so that
 * neighbours that cached another host's MAC for it switch at once. {@link ClusterArp} announces
 * the cluster IP on the steering interface; this announces any address, on any Ethernet interface
 * (e.g. the addresses of the sessions a member serves, on the LAN of the hosts behind the
 * cluster). Sends only: its pcap handle captures nothing.
 */
public final class GratuitousArpSender implements AutoCloseable {
    /**
     * The handle is for sending; its capture filter keeps only the IEEE 802 local experimental
     * EtherType 1 (0x88b5), which nothing here sends (pcap refuses a filter that rejects everything).
     */
    private static final String CAPTURE_NOTHING = "ether proto 0x88b5";

    private final FrameSender sender;
    private final MacAddress mac;
    private final Runnable closePort;

    GratuitousArpSender(FrameSender sender, MacAddress mac, Runnable closePort) {
        this.sender = sender;
        this.mac = mac;
        this.closePort = closePort;
    }

    /**
     * Opens {@code device} (in the calling thread's network namespace) for sending, with its own
     * MAC as the announced one; frames are counted under {@code counterPrefix}{@code .sent} and
     * {@code .send_failures}.
     *
     * @throws IOException if there is no such Ethernet interface or pcap cannot open it
     */
    public static GratuitousArpSender open(String device, String counterPrefix, Counters counters, RateLimitedLog log)
            throws IOException {
        InterfaceIdentity identity = InterfaceIdentity.read(device);
        EthernetPort port = EthernetPort.open(device, CAPTURE_NOTHING, counterPrefix, counters, log);
        return new GratuitousArpSender(port, identity.mac(), port::close);
    }

    /** The MAC announced: the interface's own. */
    public MacAddress mac() {
        return mac;
    }

    /** Broadcasts one announcement of {@code address}; false (counted and logged) if the interface refused it. */
    public boolean announce(Inet4Address address) {
        return sender.send(ArpPacket.announcement(address, mac).toFrame(MacAddress.ETHER_BROADCAST_ADDRESS, mac));
    }

    @Override
    public void close() {
        closePort.run();
    }
}
