package io.cohort.dataplane.tun;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** Builds IPv4/UDP packets with correct header and UDP checksums (RFC 791, RFC 768) for tests. */
final class Ipv4UdpPackets {
    static final int IP_HEADER = 20;
    static final int UDP_HEADER = 8;

    private Ipv4UdpPackets() {
    }

    static byte[] build(Inet4Address src, int srcPort, Inet4Address dst, int dstPort, byte[] payload) {
        int udpLength = UDP_HEADER + payload.length;
        ByteBuffer b = ByteBuffer.allocate(IP_HEADER + udpLength);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (IP_HEADER + udpLength))
                .putShort((short) 0x1234).putShort((short) 0x4000) // DF
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
        b.putShort(10, checksum(b.array(), 0, IP_HEADER, 0));
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0).put(payload);
        ByteBuffer pseudo = ByteBuffer.allocate(12).put(src.getAddress()).put(dst.getAddress())
                .put((byte) 0).put((byte) 17).putShort((short) udpLength);
        int partial = sum(pseudo.array(), 0, 12, 0);
        short udpChecksum = checksum(b.array(), IP_HEADER, udpLength, partial);
        b.putShort(IP_HEADER + 6, udpChecksum == 0 ? (short) 0xffff : udpChecksum);
        return b.array();
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes, starting from a partial sum. */
    static short checksum(byte[] data, int offset, int length, int partial) {
        int sum = sum(data, offset, length, partial);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    private static int sum(byte[] data, int offset, int length, int partial) {
        int sum = partial;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xff;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }
}
