package io.cohort.ppp.ccp;

import java.util.Objects;

/**
 * Whether a link encrypts. {@link #NONE} (the default, L2TP's behaviour) never starts CCP and
 * Protocol-Rejects it; {@link MppeRequired} runs CCP after MS-CHAPv2 and terminates the link if
 * MPPE cannot be agreed (RFC 3078 section 2: "the link SHOULD be terminated").
 */
public sealed interface EncryptionPolicy {
    EncryptionPolicy NONE = new None();

    /** MPPE-128, stateless required: what PPTP uses by default (RFC 3078 9 on lossy tunnels). */
    EncryptionPolicy MPPE_128_REQUIRED = new MppeRequired(CcpSettings.DEFAULT);

    static EncryptionPolicy requireMppe(CcpSettings settings) {
        return new MppeRequired(settings);
    }

    /** No CCP, no MPPE. */
    record None() implements EncryptionPolicy { }

    /** MPPE with one of {@code settings.strengths()} under its stateless policy, or no link at all. */
    record MppeRequired(CcpSettings settings) implements EncryptionPolicy {
        public MppeRequired {
            Objects.requireNonNull(settings, "settings");
        }
    }
}
