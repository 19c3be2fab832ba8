package io.cohort.ppp.mppe;

import java.util.Objects;

/** What CCP negotiated for MPPE (RFC 3078 section 2): a key strength and stateless or stateful. */
public record MppeMode(MppeStrength strength, boolean stateless) {
    public MppeMode {
        Objects.requireNonNull(strength, "strength");
    }
}
