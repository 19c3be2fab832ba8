package io.cohort.ppp.mppe;

/**
 * The two octets after the PPP Protocol field 0x00FD (RFC 3078 section 3.1): bits A (FLUSHED),
 * B, C, D (encrypted) and the 12-bit coherency count. B has no meaning for MPPE and is not
 * kept; C marks an MPPC-compressed packet, which Cohort never negotiates.
 *
 * <pre>
 * |          PPP Protocol         |A|B|C|D|    Coherency Count    |
 * </pre>
 */
public record MppeHeader(boolean flushed, boolean compressed, boolean encrypted, int coherencyCount) {
    /** The PPP Protocol number of an MPPE packet (3). */
    public static final int PROTOCOL = 0x00FD;
    public static final int LENGTH = 2;
    /** Coherency counts run 0..4095 and wrap (3.1). */
    public static final int COUNT_SPACE = 0x1000;
    static final int FLUSHED_BIT = 0x8000;
    static final int COMPRESSED_BIT = 0x2000;
    static final int ENCRYPTED_BIT = 0x1000;

    public MppeHeader {
        if (coherencyCount < 0 || coherencyCount >= COUNT_SPACE) {
            throw new IllegalArgumentException("coherency count is 12 bits: " + coherencyCount);
        }
    }

    /** The header in the first two octets of {@code packet} (which must have at least two). */
    static MppeHeader read(byte[] packet) {
        int v = ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
        return new MppeHeader((v & FLUSHED_BIT) != 0, (v & COMPRESSED_BIT) != 0, (v & ENCRYPTED_BIT) != 0,
                v & (COUNT_SPACE - 1));
    }

    void write(byte[] packet) {
        int v = (flushed ? FLUSHED_BIT : 0) | (compressed ? COMPRESSED_BIT : 0) | (encrypted ? ENCRYPTED_BIT : 0)
                | coherencyCount;
        packet[0] = (byte) (v >>> 8);
        packet[1] = (byte) v;
    }

    /**
     * Whether MPPE encrypts a packet of this PPP protocol: only 0x0021 to 0x00FA (3); others, e.g.
     * LCP and CCP itself, travel in clear with their own protocol number.
     */
    public static boolean encrypts(int pppProtocol) {
        return pppProtocol >= 0x0021 && pppProtocol <= 0x00FA;
    }
}
