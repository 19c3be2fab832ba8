package io.cohort.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An ICMP echo request or reply (RFC 792) inside a minimal IPv4 header (RFC 791, no options),
 * built and parsed in user space so that pings need no TUN device.
 *
 * @param payloadLength octets of ICMP data after the 8-octet ICMP header (filled with a pattern)
 */
public record IcmpEcho(Inet4Address source, Inet4Address destination, boolean reply, int identifier,
                       int sequence, int payloadLength) {
    public static final int IPV4_HEADER = 20;
    public static final int ICMP_HEADER = 8;
    private static final int PROTOCOL_ICMP = 1;
    private static final int TYPE_ECHO_REPLY = 0;
    private static final int TYPE_ECHO_REQUEST = 8;
    private static final int TTL = 64;

    /** The packet's total length: IPv4 header, ICMP header, payload. */
    public int totalLength() {
        return IPV4_HEADER + ICMP_HEADER + payloadLength;
    }

    /** The answer an echo responder sends: addresses swapped, same identifier, sequence and size. */
    public IcmpEcho answer() {
        return new IcmpEcho(destination, source, true, identifier, sequence, payloadLength);
    }

    /** The packet with correct IPv4 header and ICMP checksums, position 0, limit at its end. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(totalLength());
        b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength());
        b.putShort((short) sequence).putShort((short) 0x4000); // identification, DF
        b.put((byte) TTL).put((byte) PROTOCOL_ICMP).putShort((short) 0);
        b.put(source.getAddress()).put(destination.getAddress());
        b.putShort(10, checksum(b, 0, IPV4_HEADER));
        b.put((byte) (reply ? TYPE_ECHO_REPLY : TYPE_ECHO_REQUEST)).put((byte) 0).putShort((short) 0);
        b.putShort((short) identifier).putShort((short) sequence);
        for (int i = 0; i < payloadLength; i++) {
            b.put((byte) i);
        }
        b.putShort(IPV4_HEADER + 2, checksum(b, IPV4_HEADER, ICMP_HEADER + payloadLength));
        return b.flip();
    }

    /**
     * Parses an IPv4 packet (position to limit, left untouched) as an ICMP echo request or reply.
     * Empty for anything else or if a checksum or length is wrong.
     */
    public static Optional<IcmpEcho> parse(ByteBuffer packet) {
        ByteBuffer b = packet.slice();
        if (b.remaining() < IPV4_HEADER + ICMP_HEADER || (b.get(0) & 0xF0) != 0x40) {
            return Optional.empty();
        }
        int ihl = (b.get(0) & 0x0F) * 4;
        int total = Short.toUnsignedInt(b.getShort(2));
        if (ihl < IPV4_HEADER || total > b.remaining() || total < ihl + ICMP_HEADER
                || b.get(9) != PROTOCOL_ICMP || checksum(b, 0, ihl) != 0 || checksum(b, ihl, total - ihl) != 0) {
            return Optional.empty();
        }
        int type = b.get(ihl) & 0xFF;
        if (type != TYPE_ECHO_REPLY && type != TYPE_ECHO_REQUEST || b.get(ihl + 1) != 0) {
            return Optional.empty();
        }
        return Optional.of(new IcmpEcho(address(b, 12), address(b, 16), type == TYPE_ECHO_REPLY,
                Short.toUnsignedInt(b.getShort(ihl + 4)), Short.toUnsignedInt(b.getShort(ihl + 6)),
                total - ihl - ICMP_HEADER));
    }

    /** The Internet checksum (RFC 1071) of {@code length} octets from {@code offset}. */
    static short checksum(ByteBuffer b, int offset, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += Short.toUnsignedInt(b.getShort(offset + i));
        }
        if (i < length) {
            sum += (b.get(offset + i) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    private static Inet4Address address(ByteBuffer b, int offset) {
        byte[] a = new byte[4];
        b.get(offset, a);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }
}
