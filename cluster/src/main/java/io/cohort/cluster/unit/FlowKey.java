package io.cohort.cluster.unit;

/**
 * The fields of a packet that decide its work unit ({@link WorkFilter#classify}). A data plane
 * builds one per packet from headers it has already parsed; which variant it builds follows
 * DESIGN.md, "Hashing on tunnel and session identifiers": a packet that carries an identifier
 * this cluster allocated is classified by that identifier alone, any other packet by its
 * addresses and ports.
 */
public sealed interface FlowKey {

    /**
     * A packet addressed to the cluster, classified on its IPv4 header and, for TCP and UDP, its
     * ports. Used for everything that does not (yet) carry one of our identifiers: an SCCRQ
     * (tunnel ID 0), any other L2TP message with tunnel ID 0, a TCP segment to port 1723, IKE.
     *
     * @param source IPv4 source address as the 32-bit big-endian (network order) value
     * @param destination IPv4 destination address, likewise
     * @param protocol IP protocol number (6 TCP, 17 UDP, 47 GRE, ...)
     * @param sourcePort TCP/UDP source port, 0 for other protocols
     * @param destinationPort TCP/UDP destination port, 0 for other protocols
     */
    record Ipv4Flow(int source, int destination, int protocol, int sourcePort, int destinationPort)
            implements FlowKey {
        public static final int TCP = 6;
        public static final int UDP = 17;

        public Ipv4Flow {
            if (protocol < 0 || protocol > 0xFF) {
                throw new IllegalArgumentException("IP protocol " + protocol + " is not 0..255");
            }
            checkPort(sourcePort);
            checkPort(destinationPort);
        }

        /** Whether the protocol has ports the filter hashes (TCP or UDP). */
        public boolean hasPorts() {
            return protocol == TCP || protocol == UDP;
        }

        private static void checkPort(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port + " is not 0..65535");
            }
        }
    }

    /**
     * A packet the cluster routes rather than terminates (the patent's "Forwarding" case,
     * figure 9 step 913): classified on both addresses so that both directions of a flow land in
     * the same unit.
     *
     * @param source IPv4 source address, big-endian
     * @param destination IPv4 destination address, big-endian
     */
    record Forwarded(int source, int destination) implements FlowKey {}

    /**
     * An L2TP packet (RFC 2661 section 3.1) whose Tunnel ID field holds our nonzero local tunnel
     * ID: every control message after SCCRQ and every data packet of the tunnel. A data packet's
     * Session ID does not take part: session IDs only have meaning within their tunnel (RFC 2661
     * section 3.1) and all sessions of a tunnel share its control connection, so they must live
     * in the tunnel's unit.
     *
     * @param tunnelId our local tunnel ID, 1 to 65535
     */
    record L2tpTunnel(int tunnelId) implements FlowKey {
        public L2tpTunnel {
            UnitIdSpace.checkId(tunnelId);
        }
    }

    /**
     * An enhanced GRE packet (RFC 2637 section 4.1) whose Call ID field holds our Call ID: the
     * peer puts the receiver's Call ID there, so every GRE packet of a call carries the ID we
     * allocated.
     *
     * @param callId our Call ID, 1 to 65535
     */
    record PptpCall(int callId) implements FlowKey {
        public PptpCall {
            UnitIdSpace.checkId(callId);
        }
    }

    /**
     * The key of an L2TP packet from {@code flow}: by our tunnel ID when the packet carries one,
     * by address and port when its Tunnel ID is 0 (SCCRQ, RFC 2661 section 3.1).
     */
    static FlowKey l2tp(Ipv4Flow flow, int tunnelId) {
        return tunnelId == 0 ? flow : new L2tpTunnel(tunnelId);
    }
}
