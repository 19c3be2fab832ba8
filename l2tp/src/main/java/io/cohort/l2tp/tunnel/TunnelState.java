package io.cohort.l2tp.tunnel;

/** Control connection states of RFC 2661 7.2, plus the teardown holdover of 5.7. */
public enum TunnelState {
    /** Nothing sent or received yet. */
    IDLE,
    /** LAC: SCCRQ sent, waiting for SCCRP ("wait-ctl-reply"). */
    WAIT_CTL_REPLY,
    /** LNS: SCCRP sent, waiting for SCCCN ("wait-ctl-conn"). */
    WAIT_CTL_CONN,
    /** Sessions may be set up. */
    ESTABLISHED,
    /** StopCCN sent or received: kept for the full retransmission cycle to acknowledge (5.7). */
    CLOSING,
    /** Gone: released by the node. */
    CLOSED
}
