package io.cohort.l2tp.wire;

import io.cohort.wire.FieldRange;

/**
 * The L2TP header of RFC 2661 section 3.1, decoded. Optional fields that are absent read as 0:
 * {@code ns}/{@code nr} unless {@code sequencePresent}, {@code offsetSize} unless
 * {@code offsetPresent}. The Length field itself is not kept: it only delimits the packet.
 *
 * <pre>
 * |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 * |           Tunnel ID           |           Session ID          |
 * |             Ns (opt)          |             Nr (opt)          |
 * |      Offset Size (opt)        |    Offset pad... (opt)
 * </pre>
 */
public record L2tpHeader(boolean control, boolean lengthPresent, boolean sequencePresent,
        boolean offsetPresent, boolean priority, int version, int tunnelId, int sessionId, int ns,
        int nr, int offsetSize) {

    /** The only header version this document defines; 1 would be L2F (3.1). */
    public static final int VERSION = 2;

    public L2tpHeader {
        FieldRange.u16("tunnelId", tunnelId);
        FieldRange.u16("sessionId", sessionId);
        FieldRange.u16("ns", ns);
        FieldRange.u16("nr", nr);
        FieldRange.u16("offsetSize", offsetSize);
        if (version < 0 || version > 15) {
            throw new IllegalArgumentException("version is a 4-bit field: " + version);
        }
    }

    /** The header of a control message: T, L and S set, O and P clear (3.1). */
    public static L2tpHeader control(int tunnelId, int sessionId, int ns, int nr) {
        return new L2tpHeader(true, true, true, false, false, VERSION, tunnelId, sessionId, ns, nr, 0);
    }

    /** Octets this header occupies on the wire, offset pad included. */
    public int encodedLength() {
        return 6 + (lengthPresent ? 2 : 0) + (sequencePresent ? 4 : 0)
                + (offsetPresent ? 2 + offsetSize : 0);
    }
}
