package io.cohort.ppp.mppe;

/** Why the receiving side of MPPE dropped a packet. Names become counter suffixes. */
public enum MppeDropReason {
    /** Shorter than the MPPE header. */
    TRUNCATED(false),
    /** D clear: the packet is not encrypted; user data must never travel in clear (RFC 3078 9). */
    NOT_ENCRYPTED(false),
    /** C set: MPPC compression, which was not negotiated. */
    COMPRESSED(false),
    /** Stateless mode but A clear: the bit "MUST be set on every encrypted packet" (3.1). */
    NOT_FLUSHED_IN_STATELESS_MODE(false),
    /** The coherency count was the last one received again. */
    REPEATED_COUNT(false),
    /**
     * The count is more than half the 12-bit space ahead: indistinguishable from a late packet,
     * so no key changes are made for it.
     */
    STALE_COUNT(false),
    /**
     * Stateful mode: a packet was lost. The packet is dropped and a CCP Reset-Request is to be
     * sent, once (RFC 3078 8.2).
     */
    LOSS_DETECTED(true),
    /** Stateful mode: after a loss, packets are discarded until one has A set (8.2). */
    AWAITING_FLUSH(false);

    private final boolean sendResetRequest;

    MppeDropReason(boolean sendResetRequest) {
        this.sendResetRequest = sendResetRequest;
    }

    /** Whether the owner must now send a CCP Reset-Request (RFC 1962 3.1, RFC 3078 8.2). */
    public boolean sendResetRequest() {
        return sendResetRequest;
    }
}
