package io.cohort.steering.classify;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.steering.classify.Classification.Dropped;
import io.cohort.steering.classify.Classification.Steered;

/**
 * The master's classifier (the patent's figure 9, step 911): the raw bytes of an IPv4 packet
 * addressed to the cluster IP, Ethernet header already stripped, to its work unit through
 * {@link io.cohort.cluster.unit.WorkFilter#classify}. It reads only the few header fields the
 * {@link FlowKey} needs and never throws: anything it cannot classify is a {@link DropReason}.
 *
 * <ul>
 *   <li>UDP to the L2TP port: the L2TP header (RFC 2661 section 3.1) gives the Tunnel ID; 0 (an
 *       SCCRQ, or anything else before the peer learned our ID) classifies by address and port,
 *       any other value by the ID ({@link FlowKey#l2tp}).
 *   <li>TCP to port 1723: by address and port ({@link FlowKey.Ipv4Flow}).
 *   <li>GRE: enhanced GRE (RFC 2637 section 4.1) by the Call ID the peer addresses us with
 *       ({@link FlowKey.PptpCall}).
 * </ul>
 *
 * <p>Header checksums are not verified: the owner's kernel (or data plane) does that, and a
 * corrupt packet classified to some unit does no harm there.
 */
public final class PacketClassifier {
    /** L2TP's registered UDP port (RFC 2661 section 8.1). */
    public static final int L2TP_PORT = 1701;
    /** PPTP's control connection port (RFC 2637 section 2). */
    public static final int PPTP_PORT = 1723;

    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_UDP = 17;
    private static final int PROTOCOL_GRE = 47;
    private static final int MIN_IPV4_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int MIN_TCP_HEADER = 20;
    /** GRE's PPP protocol type (RFC 2637 section 4.1). */
    private static final int GRE_PPP = 0x880B;

    /** The RFC 2661 section 3.1 header's bits in its first 16-bit word. */
    private static final int L2TP_LENGTH_BIT = 0x4000;
    private static final int L2TP_VERSION_MASK = 0x000F;

    private static final Dropped[] DROPPED = dropped();

    private final int l2tpPort;

    /** A classifier for L2TP on {@link #L2TP_PORT}. */
    public PacketClassifier() {
        this(L2TP_PORT);
    }

    /** A classifier for L2TP on {@code l2tpPort}. */
    public PacketClassifier(int l2tpPort) {
        if (l2tpPort < 1 || l2tpPort > 0xFFFF) {
            throw new IllegalArgumentException("L2TP port " + l2tpPort + " is not 1..65535");
        }
        this.l2tpPort = l2tpPort;
    }

    /** Classifies the IPv4 packet in {@code packet[offset .. offset + length)}. */
    public Classification classify(byte[] packet, int offset, int length) {
        if (packet == null || offset < 0 || length < 0 || offset > packet.length - length
                || length < MIN_IPV4_HEADER) {
            return drop(DropReason.TRUNCATED);
        }
        int versionAndIhl = u8(packet, offset);
        if (versionAndIhl >>> 4 != 4) {
            return drop(DropReason.NOT_IPV4);
        }
        int headerLength = (versionAndIhl & 0x0F) * 4;
        if (headerLength < MIN_IPV4_HEADER || headerLength > length) {
            return drop(DropReason.BAD_HEADER_LENGTH);
        }
        // Captured frames may carry Ethernet padding after the packet: Total Length is the end.
        int totalLength = u16(packet, offset + 2);
        if (totalLength < headerLength || totalLength > length) {
            return drop(DropReason.BAD_TOTAL_LENGTH);
        }
        if ((u16(packet, offset + 6) & 0x3FFF) != 0) { // MF (0x2000) or Fragment Offset
            return drop(DropReason.FRAGMENT);
        }
        int protocol = u8(packet, offset + 9);
        int source = i32(packet, offset + 12);
        int destination = i32(packet, offset + 16);
        int payload = offset + headerLength;
        int payloadLength = totalLength - headerLength;
        return switch (protocol) {
            case PROTOCOL_UDP -> udp(packet, payload, payloadLength, source, destination);
            case PROTOCOL_TCP -> tcp(packet, payload, payloadLength, source, destination);
            case PROTOCOL_GRE -> gre(packet, payload, payloadLength);
            default -> drop(DropReason.OTHER_PROTOCOL);
        };
    }

    /** Classifies a whole array holding one IPv4 packet. */
    public Classification classify(byte[] packet) {
        return classify(packet, 0, packet == null ? 0 : packet.length);
    }

    private Classification udp(byte[] p, int at, int length, int source, int destination) {
        if (length < UDP_HEADER) {
            return drop(DropReason.BAD_UDP);
        }
        int sourcePort = u16(p, at);
        int destinationPort = u16(p, at + 2);
        if (destinationPort != l2tpPort) {
            return drop(DropReason.OTHER_PORT);
        }
        int udpLength = u16(p, at + 4);
        if (udpLength < UDP_HEADER || udpLength > length) {
            return drop(DropReason.BAD_UDP);
        }
        // RFC 2661 section 3.1: |T|L|x|x|S|x|O|P|x|x|x|x|Ver| [Length] | Tunnel ID | Session ID | ...
        int l2tp = at + UDP_HEADER;
        int l2tpLength = udpLength - UDP_HEADER;
        if (l2tpLength < 2) {
            return drop(DropReason.BAD_L2TP);
        }
        int flags = u16(p, l2tp);
        if ((flags & L2TP_VERSION_MASK) != 2) {
            return drop(DropReason.L2TP_NOT_VERSION_2);
        }
        boolean hasLength = (flags & L2TP_LENGTH_BIT) != 0;
        int tunnelAt = hasLength ? 4 : 2;
        if (l2tpLength < tunnelAt + 2) {
            return drop(DropReason.BAD_L2TP);
        }
        if (hasLength && u16(p, l2tp + 2) > l2tpLength) {
            return drop(DropReason.BAD_L2TP);
        }
        int tunnelId = u16(p, l2tp + tunnelAt);
        var flow = new FlowKey.Ipv4Flow(source, destination, PROTOCOL_UDP, sourcePort, destinationPort);
        return Steered.of(SteeredProtocol.L2TP, FlowKey.l2tp(flow, tunnelId));
    }

    private static Classification tcp(byte[] p, int at, int length, int source, int destination) {
        if (length < MIN_TCP_HEADER) {
            return drop(DropReason.BAD_TCP);
        }
        int destinationPort = u16(p, at + 2);
        if (destinationPort != PPTP_PORT) {
            return drop(DropReason.OTHER_PORT);
        }
        var flow = new FlowKey.Ipv4Flow(source, destination, PROTOCOL_TCP, u16(p, at), destinationPort);
        return Steered.of(SteeredProtocol.PPTP_CONTROL, flow);
    }

    private static Classification gre(byte[] p, int at, int length) {
        // RFC 2637 section 4.1: |C|R|K|S|s|Recur|A|Flags|Ver| Protocol Type | Payload Length | Call ID |
        if (length < 8) {
            return drop(DropReason.BAD_GRE);
        }
        boolean keyPresent = (u8(p, at) & 0x20) != 0;
        int version = u8(p, at + 1) & 0x07;
        if (version != 1 || !keyPresent || u16(p, at + 2) != GRE_PPP) {
            return drop(DropReason.GRE_NOT_ENHANCED);
        }
        int callId = u16(p, at + 6);
        if (callId == 0) {
            return drop(DropReason.GRE_CALL_ID_ZERO);
        }
        return Steered.of(SteeredProtocol.PPTP_GRE, new FlowKey.PptpCall(callId));
    }

    private static Dropped drop(DropReason reason) {
        return DROPPED[reason.ordinal()];
    }

    private static Dropped[] dropped() {
        DropReason[] reasons = DropReason.values();
        Dropped[] out = new Dropped[reasons.length];
        for (DropReason r : reasons) {
            out[r.ordinal()] = new Dropped(r);
        }
        return out;
    }

    private static int u8(byte[] p, int at) {
        return p[at] & 0xFF;
    }

    private static int u16(byte[] p, int at) {
        return (p[at] & 0xFF) << 8 | p[at + 1] & 0xFF;
    }

    private static int i32(byte[] p, int at) {
        return u16(p, at) << 16 | u16(p, at + 2);
    }
}
