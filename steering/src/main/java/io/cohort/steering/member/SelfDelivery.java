package io.cohort.steering.member;

import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.dataplane.tun.TunDevice;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands a frame the master held back to the master's own kernel, when the unit it was held for
 * was then assigned to the master itself: the kernel dropped the original (the unit was nobody's
 * then), and a frame sent out of the LAN interface would not come back. The IP packet is written
 * to a TUN device of its own, so the kernel receives it as if it had just arrived: the cluster IP
 * is local, the kernel filter now lets the unit through, and the socket gets it. Reverse-path
 * filtering is set to loose on the device (the client's address is routed through the LAN
 * interface, not this one; the effective mode is the larger of this and {@code all}), and the
 * device carries the cluster IP too: the kernel rejects any packet that arrives on a device
 * without an IPv4 address while reverse-path filtering is on ({@code __fib_validate_source}).
 */
public final class SelfDelivery implements AutoCloseable {
    /** The TUN device's name. */
    public static final String DEVICE = "cohort-self";
    private static final int ETHERNET_HEADER = 14;
    private static final String LOOSE = "2";

    private final TunDevice device;

    private SelfDelivery(TunDevice device) {
        this.device = device;
    }

    /** Opens the device in the calling thread's network namespace, with {@code clusterIp}, and brings it up. */
    public static SelfDelivery open(Inet4Address clusterIp) throws IOException {
        TunDevice device = TunDevice.open(DEVICE);
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", device.name(), "rp_filter"), LOOSE,
                    StandardCharsets.US_ASCII);
            try (NetlinkSocket netlink = NetlinkSocket.open()) {
                InterfaceConfig config = new InterfaceConfig(netlink);
                config.addAddress(device.name(), clusterIp, 32);
                config.setUp(device.name());
            }
            return new SelfDelivery(device);
        } catch (IOException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** Delivers the IPv4 packet inside {@code frame} (an Ethernet frame) to this host's kernel. */
    public void deliver(byte[] frame) throws IOException {
        if (frame.length <= ETHERNET_HEADER) {
            return;
        }
        device.write(ByteBuffer.wrap(frame, ETHERNET_HEADER, frame.length - ETHERNET_HEADER));
    }

    @Override
    public void close() {
        device.close();
    }
}
