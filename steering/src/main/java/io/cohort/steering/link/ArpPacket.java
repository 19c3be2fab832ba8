package io.cohort.steering.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type 0x0800,
 * address lengths 6 and 4. {@link #decode} reads one from a captured frame and never throws;
 * {@link #toFrame} builds the frame to send.
 *
 * @param operation {@link #REQUEST} or {@link #REPLY}
 */
public record ArpPacket(int operation, MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac,
        Inet4Address targetIp) {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    /** The all-zero MAC of a request's unknown target (RFC 826) and the unspecified address. */
    static final MacAddress ZERO_MAC = MacAddress.getByAddress(new byte[6]);

    private static final int LENGTH = 28;
    /** The shortest Ethernet payload (IEEE 802.3: 64-byte frames with the FCS). */
    private static final int MIN_FRAME = 60;

    /** The ARP packet in {@code frame}, if it is a well-formed IPv4-over-Ethernet one. */
    public static Optional<ArpPacket> decode(byte[] frame) {
        if (frame.length < Frame.HEADER_LENGTH + LENGTH) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame, Frame.HEADER_LENGTH, LENGTH);
        if (b.getShort() != 1 || b.getShort() != Frame.ETHERTYPE_IPV4 || b.get() != 6 || b.get() != 4) {
            return Optional.empty();
        }
        int operation = b.getShort() & 0xFFFF;
        if (operation != REQUEST && operation != REPLY) {
            return Optional.empty();
        }
        int at = Frame.HEADER_LENGTH + 8;
        return Optional.of(new ArpPacket(operation, mac(frame, at), ipv4(frame, at + 6), mac(frame, at + 10),
                ipv4(frame, at + 16)));
    }

    /**
     * The Ethernet frame carrying this packet from {@code ethernetSource} to {@code
     * ethernetDestination}, padded to the 60-byte minimum.
     */
    public byte[] toFrame(MacAddress ethernetDestination, MacAddress ethernetSource) {
        ByteBuffer b = ByteBuffer.allocate(MIN_FRAME);
        b.put(ethernetDestination.getAddress()).put(ethernetSource.getAddress()).putShort((short) Frame.ETHERTYPE_ARP);
        b.putShort((short) 1).putShort((short) Frame.ETHERTYPE_IPV4).put((byte) 6).put((byte) 4)
                .putShort((short) operation);
        b.put(senderMac.getAddress()).put(senderIp.getAddress()).put(targetMac.getAddress()).put(targetIp.getAddress());
        return b.array();
    }

    /**
     * A gratuitous ARP announcement of {@code ip} at {@code mac} (RFC 5227 section 3: a request
     * whose sender and target IP are both the announced address): neighbours that already have
     * an entry for {@code ip} update it.
     */
    public static ArpPacket announcement(Inet4Address ip, MacAddress mac) {
        return new ArpPacket(REQUEST, mac, ip, ZERO_MAC, ip);
    }

    /** A request for {@code target}'s MAC, from {@code senderMac} / {@code senderIp}. */
    public static ArpPacket request(MacAddress senderMac, Inet4Address senderIp, Inet4Address target) {
        return new ArpPacket(REQUEST, senderMac, senderIp, ZERO_MAC, target);
    }

    /** The reply to this request saying that its target IP is at {@code mac}. */
    public ArpPacket replyWith(MacAddress mac) {
        return new ArpPacket(REPLY, mac, targetIp, senderMac, senderIp);
    }

    private static MacAddress mac(byte[] frame, int at) {
        return MacAddress.getByAddress(Arrays.copyOfRange(frame, at, at + 6));
    }

    private static Inet4Address ipv4(byte[] frame, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(frame, at, at + 4));
        } catch (UnknownHostException impossible) { // only for a wrong length
            throw new IllegalStateException(impossible);
        }
    }
}
