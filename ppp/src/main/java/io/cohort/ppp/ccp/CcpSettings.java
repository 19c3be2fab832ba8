package io.cohort.ppp.ccp;

import io.cohort.ppp.mppe.MppeStrength;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * CCP policy: which MPPE key strengths are acceptable and how stateless mode is treated. The
 * default requires 128-bit keys and stateless mode. MPPE is always required: a link that cannot
 * agree on it is to be terminated (RFC 3078 section 2).
 */
public record CcpSettings(Set<MppeStrength> strengths, StatelessPolicy stateless) {
    public static final CcpSettings DEFAULT = new CcpSettings(EnumSet.of(MppeStrength.BITS_128),
            StatelessPolicy.REQUIRE);

    public CcpSettings {
        if (strengths.isEmpty()) {
            throw new IllegalArgumentException("at least one MPPE strength must be allowed");
        }
        strengths = Set.copyOf(EnumSet.copyOf(strengths));
        Objects.requireNonNull(stateless, "stateless");
    }

    /** The strongest allowed strength (RFC 3078 2.1 orders 128 > 56 > 40). */
    MppeStrength strongest() {
        return EnumSet.copyOf(strengths).stream().reduce((a, b) -> b).orElseThrow();
    }
}
