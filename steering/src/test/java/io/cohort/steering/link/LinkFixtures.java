package io.cohort.steering.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/** Addresses shared by the link tests, and a sender that records frames. */
final class LinkFixtures {
    static final MacAddress MASTER_MAC = MacAddress.getByName("52:54:00:00:00:01");
    static final MacAddress OWNER_MAC = MacAddress.getByName("52:54:00:00:00:02");
    static final MacAddress CLIENT_MAC = MacAddress.getByName("52:54:00:00:00:10");
    static final MacAddress STEERING_MAC = MacAddress.getByName("03:bf:0a:4d:00:64");
    static final Inet4Address MASTER_IP = ipv4("10.77.0.1");
    static final Inet4Address OWNER_IP = ipv4("10.77.0.2");
    static final Inet4Address CLIENT_IP = ipv4("10.77.0.10");
    static final Inet4Address CLUSTER_IP = ipv4("10.77.0.100");
    static final InterfaceIdentity MASTER = new InterfaceIdentity("eth0", MASTER_MAC, Optional.of(MASTER_IP));

    private LinkFixtures() {}

    static Inet4Address ipv4(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A {@link FrameSender} that keeps what it is given and succeeds (or fails, if told to). */
    static final class RecordingSender implements FrameSender {
        final List<byte[]> frames = new ArrayList<>();
        boolean failing;

        @Override
        public boolean send(byte[] frame) {
            if (failing) {
                return false;
            }
            frames.add(frame);
            return true;
        }

        List<ArpPacket> arpPackets() {
            return frames.stream().map(ArpPacket::decode).flatMap(Optional::stream).toList();
        }
    }
}
