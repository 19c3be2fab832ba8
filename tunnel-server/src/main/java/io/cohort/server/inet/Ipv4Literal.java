package io.cohort.server.inet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Dotted-quad IPv4 literals ({@code 192.0.2.1}) to and from {@link Inet4Address} and a 32-bit
 * int. Unlike {@link InetAddress#getByName}, parsing never looks anything up: a host name is
 * simply not a literal.
 */
public final class Ipv4Literal {
    private Ipv4Literal() {
    }

    /** The address written as four decimal octets 0..255 without leading zeros, or empty. */
    public static Optional<Inet4Address> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(fromInt(value));
    }

    /** The address as a big-endian 32-bit int (192.0.2.1 is 0xC0000201). */
    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** The address whose big-endian 32-bit value is {@code value}. */
    public static Inet4Address fromInt(int value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always a valid IPv4 address", e);
        }
    }
}
