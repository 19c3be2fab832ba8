package io.cohort.ppp.ccp;

import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.PppOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The 32-bit Supported Bits of the MPPE CCP option (RFC 3078 section 2, option type 18, length
 * 6). Bits, most significant octet first: H = 0x01000000 (stateless), M = 0x80 (56-bit),
 * S = 0x40 (128-bit), L = 0x20 (40-bit), D = 0x10 (obsolete), C = 0x01 (MPPC). "All other bits
 * are reserved and MUST be set to 0."
 */
public record MppeSupportedBits(long bits) {
    /** CCP option type of MPPE/MPPC (RFC 3078 2). */
    public static final int OPTION_TYPE = 18;
    public static final long H = 0x0100_0000L;
    public static final long M = 0x80;
    public static final long S = 0x40;
    public static final long L = 0x20;
    public static final long D = 0x10;
    public static final long C = 0x01;
    private static final long KNOWN = H | M | S | L | D | C;

    public MppeSupportedBits {
        if (bits < 0 || bits > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Supported Bits is a 32-bit field");
        }
    }

    /** The bits asking for these strengths and, if {@code stateless}, H. */
    public static MppeSupportedBits of(Set<MppeStrength> strengths, boolean stateless) {
        long b = stateless ? H : 0;
        for (MppeStrength s : strengths) {
            b |= bit(s);
        }
        return new MppeSupportedBits(b);
    }

    /** The bits of an MPPE option, if it is one with the 4-octet value of RFC 3078 2. */
    public static Optional<MppeSupportedBits> from(PppOption option) {
        if (option.type() != OPTION_TYPE || option.dataLength() != 4) {
            return Optional.empty();
        }
        return Optional.of(new MppeSupportedBits(option.unsignedValue()));
    }

    public PppOption toOption() {
        return PppOption.ofU32(OPTION_TYPE, bits);
    }

    /** The encryption options (S, M, L) present. */
    public Set<MppeStrength> strengths() {
        Set<MppeStrength> out = EnumSet.noneOf(MppeStrength.class);
        for (MppeStrength s : MppeStrength.values()) {
            if ((bits & bit(s)) != 0) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean stateless() {
        return (bits & H) != 0;
    }

    /** Whether any bit but H, S, M, L is set: D (obsolete, "SHOULD NOT be accepted"), C, or a reserved bit. */
    public boolean hasOtherBits() {
        return (bits & ~(H | M | S | L)) != 0;
    }

    /** Whether a reserved bit (none of H, M, S, L, D, C) is set. */
    public boolean hasReservedBits() {
        return (bits & ~KNOWN) != 0;
    }

    public static long bit(MppeStrength strength) {
        return switch (strength) {
            case BITS_40 -> L;
            case BITS_56 -> M;
            case BITS_128 -> S;
        };
    }

    @Override
    public String toString() {
        return String.format("MppeSupportedBits[0x%08X %s%s]", bits, strengths(), stateless() ? " stateless" : "");
    }
}
