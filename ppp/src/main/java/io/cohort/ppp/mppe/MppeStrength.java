package io.cohort.ppp.mppe;

/**
 * MPPE session key strengths (RFC 3078 section 2, RFC 3079 section 3): 40- and 56-bit keys are 8
 * octets whose leading octets are overwritten with known constants; 128-bit keys are 16 octets.
 * Declared from weakest to strongest, the order of RFC 3078 section 2.1.
 */
public enum MppeStrength {
    BITS_40(8, 3),
    BITS_56(8, 1),
    BITS_128(16, 0);

    /** RFC 3079 3.1 and RFC 3078 7.3: the constants of a reduced key, most significant first. */
    private static final byte[] REDUCTION = {(byte) 0xD1, (byte) 0x26, (byte) 0x9E};

    private final int keyLength;
    private final int reducedOctets;

    MppeStrength(int keyLength, int reducedOctets) {
        this.keyLength = keyLength;
        this.reducedOctets = reducedOctets;
    }

    /** SessionKeyLength: octets of the start and session keys. */
    public int keyLength() {
        return keyLength;
    }

    /** Sets the leading octets of a 40- or 56-bit key to their constants, in place; 128-bit keys are left alone. */
    void reduce(byte[] sessionKey) {
        System.arraycopy(REDUCTION, 0, sessionKey, 0, reducedOctets);
    }
}
