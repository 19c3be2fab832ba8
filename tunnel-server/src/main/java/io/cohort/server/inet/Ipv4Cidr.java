package io.cohort.server.inet;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * An IPv4 CIDR block such as {@code 10.99.0.0/24}: a network address with no host bits set and a
 * prefix length 0..32.
 */
public record Ipv4Cidr(int network, int prefixLength) {
    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0..32");
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits set in " + Ipv4Literal.fromInt(network).getHostAddress()
                    + "/" + prefixLength);
        }
    }

    /** Why {@code text} is not a CIDR block, or the block. */
    public sealed interface Parsed {
        record Ok(Ipv4Cidr cidr) implements Parsed { }

        record Invalid(String problem) implements Parsed { }
    }

    /** Parses {@code a.b.c.d/n}; the problem of an invalid block is fit for an error message. */
    public static Parsed parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Parsed.Invalid("not in CIDR notation (address/prefix-length, e.g. 10.99.0.0/24)");
        }
        Optional<Inet4Address> address = Ipv4Literal.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            return new Parsed.Invalid("'" + text.substring(0, slash) + "' is not an IPv4 address");
        }
        String prefixText = text.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 2 || !prefixText.chars().allMatch(Character::isDigit)) {
            return new Parsed.Invalid("'" + prefixText + "' is not a prefix length 0..32");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > 32) {
            return new Parsed.Invalid("'" + prefixText + "' is not a prefix length 0..32");
        }
        int value = Ipv4Literal.toInt(address.get());
        if ((value & ~mask(prefix)) != 0) {
            return new Parsed.Invalid("host bits are set; the network is "
                    + Ipv4Literal.fromInt(value & mask(prefix)).getHostAddress() + "/" + prefix);
        }
        return new Parsed.Ok(new Ipv4Cidr(value, prefix));
    }

    /** The number of addresses in the block, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(Inet4Address address) {
        return (Ipv4Literal.toInt(address) & mask(prefixLength)) == network;
    }

    /** The address at {@code offset} from the network address (0 is the network address). */
    public Inet4Address addressAt(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside " + this);
        }
        return Ipv4Literal.fromInt(network + (int) offset);
    }

    /** The offset of {@code address} from the network address; it must be inside the block. */
    public long offsetOf(Inet4Address address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(address.getHostAddress() + " is outside " + this);
        }
        return Integer.toUnsignedLong(Ipv4Literal.toInt(address) - network);
    }

    public Inet4Address networkAddress() {
        return Ipv4Literal.fromInt(network);
    }

    public Inet4Address broadcastAddress() {
        return Ipv4Literal.fromInt(network | ~mask(prefixLength));
    }

    @Override
    public String toString() {
        return networkAddress().getHostAddress() + "/" + prefixLength;
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }
}
