package io.cohort.benchmarks.live;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * The IPv4/UDP packets a live run pushes through the data path: a 20-octet IPv4 header with a
 * valid checksum (the kernel drops a packet written to a TUN device without one), an 8-octet UDP
 * header without checksum (0 is allowed over IPv4, RFC 768), zero payload.
 */
final class Ipv4UdpPacket {
    static final int HEADERS = 28;
    private static final int TTL = 64;
    private static final int UDP = 17;

    private Ipv4UdpPacket() {
    }

    /** A packet of {@code size} octets in total (at least {@link #HEADERS}). */
    static ByteBuffer encode(Inet4Address source, Inet4Address destination, int sourcePort, int destinationPort,
            int size) {
        if (size < HEADERS || size > 0xFFFF) {
            throw new IllegalArgumentException("packet size out of range: " + size);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 0x45).put((byte) 0).putShort((short) size)
                .putShort((short) 0).putShort((short) 0x4000) // identification 0, DF
                .put((byte) TTL).put((byte) UDP).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        b.putShort(10, checksum(b, 20));
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (size - 20)).putShort((short) 0);
        return b.position(0);
    }

    /** The RFC 791 header checksum over the first {@code length} octets. */
    static short checksum(ByteBuffer b, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += b.getShort(i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
