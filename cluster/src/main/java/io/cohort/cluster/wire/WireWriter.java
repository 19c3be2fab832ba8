package io.cohort.cluster.wire;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends fields in network byte order. A value the format cannot carry (a 65-octet name, an
 * IPv4-mapped IPv6 address, …) is the caller's error: {@link IllegalArgumentException}.
 */
final class WireWriter {
    private byte[] bytes = new byte[128];
    private int size;

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void u16(int value) {
        u8(value >>> 8);
        u8(value);
    }

    void u32(int value) {
        u16(value >>> 16);
        u16(value);
    }

    void s64(long value) {
        u32((int) (value >>> 32));
        u32((int) value);
    }

    void raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /** An unsigned value that must lie in {@code min..max} (which fit the field of {@code octets}). */
    void bounded(int value, int min, int max, int octets, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        if (octets == 1) {
            u8(value);
        } else {
            u16(value);
        }
    }

    /** A member name: length octet, 1..{@value ClusterCodec#MAX_NAME_OCTETS} octets of UTF-8. */
    void memberId(MemberId id) {
        String name = id.name();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (!new String(utf8, StandardCharsets.UTF_8).equals(name)) {
            throw new IllegalArgumentException("member name " + id + " is not well-formed Unicode");
        }
        bounded(utf8.length, 1, ClusterCodec.MAX_NAME_OCTETS, 1, "member name length");
        raw(utf8);
    }

    /** Family octet (4 or 6), 4 or 16 address octets, port. */
    void address(MemberAddress address) {
        byte[] ip = address.ip().getAddress();
        if (address.ip() instanceof Inet4Address) {
            u8(4);
        } else if (WireReader.isIpv4Mapped(ip)) {
            // Decoded, these 16 bytes would come back as an Inet4Address: not the same message.
            throw new IllegalArgumentException(address + " is IPv4-mapped; use the IPv4 address");
        } else {
            u8(6);
        }
        raw(ip);
        u16(address.port());
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
