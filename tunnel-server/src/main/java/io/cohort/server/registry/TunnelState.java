package io.cohort.server.registry;

/** A tunnel's state as operators see it, whatever the protocol. */
public enum TunnelState {
    /** Control connection being set up (L2TP: SCCRQ received, waiting for SCCCN). */
    ESTABLISHING,
    /** Control connection up; sessions may be opened. */
    ESTABLISHED,
    /** Being torn down (L2TP: StopCCN sent or received). */
    CLOSING
}
