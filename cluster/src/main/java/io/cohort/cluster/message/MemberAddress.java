package io.cohort.cluster.message;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Where a member listens on the cluster network: its IP address and UDP port. Ordered by address
 * (IPv4 before IPv6, then the address bytes as unsigned numbers), then port: "is my IP address
 * less than his?" of the election's final tie-breaker (figure 8A, 817).
 *
 * @param ip the member's address on the cluster network (a literal; nothing here resolves names)
 * @param port 1..65535
 */
public record MemberAddress(InetAddress ip, int port) implements Comparable<MemberAddress> {
    public MemberAddress {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    @Override
    public int compareTo(MemberAddress other) {
        byte[] a = ip.getAddress();
        byte[] b = other.ip.getAddress();
        int c = a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
        return c != 0 ? c : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        return ip.getHostAddress() + ":" + port;
    }
}
