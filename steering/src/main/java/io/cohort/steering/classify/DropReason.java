package io.cohort.steering.classify;

import java.util.Locale;

/**
 * Why {@link PacketClassifier} found no work unit for a packet. Each reason is counted on its
 * own ({@code steering.drop.<reason>}) so that an operator can tell junk from misconfiguration.
 */
public enum DropReason {
    /** Fewer bytes than an IPv4 header, or the given range lies outside the buffer. */
    TRUNCATED,
    /** The version field is not 4. */
    NOT_IPV4,
    /** IHL below 5 (RFC 791 section 3.1) or a header longer than the packet. */
    BAD_HEADER_LENGTH,
    /** Total Length shorter than the header or longer than the bytes captured. */
    BAD_TOTAL_LENGTH,
    /**
     * A fragment (MF set or a nonzero offset): only the first fragment has the transport header,
     * and the kernel of the owner reassembles. Steering fragments needs reassembly first.
     */
    FRAGMENT,
    /** An IP protocol other than UDP, TCP and GRE. */
    OTHER_PROTOCOL,
    /** UDP not to the L2TP port, or TCP not to port 1723. */
    OTHER_PORT,
    /** A UDP header that does not fit, or whose Length field disagrees with the IP packet. */
    BAD_UDP,
    /** A TCP header shorter than 20 bytes (RFC 793 section 3.1). */
    BAD_TCP,
    /** An L2TP header too short for its Tunnel ID, or whose Length field exceeds the datagram. */
    BAD_L2TP,
    /** An L2TP version other than 2 (e.g. L2TPv3, RFC 3931, which shares the port). */
    L2TP_NOT_VERSION_2,
    /** A GRE header too short for the Call ID. */
    BAD_GRE,
    /**
     * GRE that is not PPTP's enhanced GRE: version not 1, Key bit clear or protocol type not
     * PPP (RFC 2637 section 4.1).
     */
    GRE_NOT_ENHANCED,
    /** Enhanced GRE whose Call ID is 0, which this cluster never allocates. */
    GRE_CALL_ID_ZERO;

    /** The counter name of this reason, e.g. {@code steering.drop.fragment}. */
    public String counterName() {
        return "steering.drop." + name().toLowerCase(Locale.ROOT);
    }
}
