package io.cohort.steering.link;

import java.util.Arrays;
import org.pcap4j.util.MacAddress;

/**
 * One Ethernet II frame as captured (destination MAC, source MAC, EtherType, payload; no FCS).
 * Captured frames are handed to the cluster layer, which may hold them while a work unit is
 * being assigned and forward them later ({@link FrameForwarder#forward}); the bytes are never
 * changed after capture, forwarding writes a re-addressed copy.
 */
public final class Frame {
    /** Destination MAC, source MAC, EtherType (IEEE 802.3 clause 3.2, Ethernet II). */
    public static final int HEADER_LENGTH = 14;
    /** EtherType of IPv4 (RFC 894). */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of ARP (RFC 826). */
    public static final int ETHERTYPE_ARP = 0x0806;

    private final byte[] bytes;

    private Frame(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A frame holding a copy of {@code bytes}, which must be at least a header long. */
    public static Frame copyOf(byte[] bytes) {
        return wrap(bytes.clone());
    }

    /** A frame on {@code bytes}, which the caller hands over and no longer changes. */
    static Frame wrap(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("a frame of " + bytes.length + " bytes has no Ethernet header");
        }
        return new Frame(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public MacAddress destination() {
        return MacAddress.getByAddress(Arrays.copyOfRange(bytes, 0, 6));
    }

    public MacAddress source() {
        return MacAddress.getByAddress(Arrays.copyOfRange(bytes, 6, 12));
    }

    public int etherType() {
        return (bytes[12] & 0xFF) << 8 | bytes[13] & 0xFF;
    }

    /** A copy of the frame's bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The frame's bytes, not to be changed (for the classifier and the port, without a copy). */
    byte[] array() {
        return bytes;
    }

    /**
     * A copy of this frame with new Ethernet addresses and the IP packet untouched, but for a
     * TCP or UDP checksum the sender left partial, which is completed ({@link PartialChecksum}):
     * the master's forwarding to a work unit's owner (LVS direct routing; the owner accepts the
     * IP packet because the cluster IP is local there).
     */
    public byte[] readdressed(MacAddress destination, MacAddress source) {
        byte[] out = bytes.clone();
        System.arraycopy(destination.getAddress(), 0, out, 0, 6);
        System.arraycopy(source.getAddress(), 0, out, 6, 6);
        PartialChecksum.complete(out);
        return out;
    }

    @Override
    public String toString() {
        return "Frame[" + source() + " -> " + destination() + String.format(", 0x%04x, %d bytes]", etherType(), bytes.length);
    }
}
