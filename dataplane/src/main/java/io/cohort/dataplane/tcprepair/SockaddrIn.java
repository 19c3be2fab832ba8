package io.cohort.dataplane.tcprepair;

import io.cohort.dataplane.libc.Libc;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code struct sockaddr_in}: {@code sa_family_t sin_family} in host order, {@code sin_port} and
 * {@code sin_addr} in network order, eight zero octets.
 */
final class SockaddrIn {
    static final int SIZE = 16;

    private SockaddrIn() {
    }

    static byte[] encode(InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address ipv4)) {
            throw new IllegalArgumentException("not an IPv4 socket address: " + address);
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.order(ByteOrder.nativeOrder()).putShort((short) Libc.AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort()).put(ipv4.getAddress());
        return b.array();
    }

    static InetSocketAddress decode(byte[] struct) {
        ByteBuffer b = ByteBuffer.wrap(struct);
        int family = b.order(ByteOrder.nativeOrder()).getShort() & 0xFFFF;
        if (struct.length != SIZE || family != Libc.AF_INET) {
            throw new IllegalArgumentException("not a sockaddr_in: family " + family + ", " + struct.length + " bytes");
        }
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(struct, 4, 8)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }
}
