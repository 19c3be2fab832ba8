package io.cohort.ppp;

import io.cohort.ppp.mppe.MppeDecryptorState;
import io.cohort.ppp.mppe.MppeEncryptorState;
import java.util.Optional;

/**
 * The essential state of a PPP link in the Network phase (patent, figure 7: sent on each
 * change): for each MPPE direction the coherency count, the current session key and where the RC4
 * tables stand (RFC 3078 7, 8); both empty without MPPE. About 54 octets with MPPE-128.
 *
 * <p>Nothing else of a running link changes without a renegotiation (which would make new
 * initial state). The LCP Echo-Request identifier is calculable: an Echo-Reply only has to repeat
 * it (RFC 1661 5.8) and the keepalive takes any reply as proof of life, so a rebuilt link starts
 * its identifiers afresh. The session keys are secrets: their records' {@code toString} redacts
 * them.
 */
public record PppLinkEssentialState(Optional<MppeEncryptorState> mppeSend, Optional<MppeDecryptorState> mppeReceive) {
    /** A link without MPPE has no essential state. */
    public static final PppLinkEssentialState NONE = new PppLinkEssentialState(Optional.empty(), Optional.empty());

    public PppLinkEssentialState {
        if (mppeSend.isPresent() != mppeReceive.isPresent()) {
            throw new IllegalArgumentException("MPPE state for one direction only");
        }
    }
}
