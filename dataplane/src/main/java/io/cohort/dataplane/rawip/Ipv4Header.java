package io.cohort.dataplane.rawip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * The parts of an IPv4 header (RFC 791 3.1) a raw socket's reader needs: a raw IPv4 socket
 * delivers each datagram with its IP header first, whose length is IHL × 4 octets (options
 * included), and the source address at offset 12.
 */
public final class Ipv4Header {
    /** A header without options. */
    public static final int MIN_LENGTH = 20;
    static final int SOURCE_OFFSET = 12;

    private Ipv4Header() {
    }

    /**
     * Where the payload starts, relative to {@code datagram}'s position: IHL × 4, if the datagram
     * is IPv4 (version 4), IHL is at least 5 and the whole header is there; empty otherwise.
     */
    public static OptionalInt payloadOffset(ByteBuffer datagram) {
        if (datagram.remaining() < MIN_LENGTH) {
            return OptionalInt.empty();
        }
        int first = datagram.get(datagram.position()) & 0xFF;
        int headerLength = (first & 0x0F) * 4;
        if (first >> 4 != 4 || headerLength < MIN_LENGTH || headerLength > datagram.remaining()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(headerLength);
    }

    /** The source address of a datagram {@link #payloadOffset} accepted. */
    public static Inet4Address source(ByteBuffer datagram) {
        byte[] address = new byte[4];
        datagram.get(datagram.position() + SOURCE_OFFSET, address);
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError("four octets are always an IPv4 address", e);
        }
    }
}
