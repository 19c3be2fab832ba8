package io.cohort.steering.classify;

/** The kinds of packet for the cluster IP that steering classifies, each counted on its own. */
public enum SteeredProtocol {
    /** L2TP over UDP (RFC 2661 section 8.1), control and data. */
    L2TP("l2tp"),
    /** The PPTP control connection, TCP to port 1723 (RFC 2637 section 2). */
    PPTP_CONTROL("pptp_control"),
    /** PPTP data: enhanced GRE, IP protocol 47 (RFC 2637 section 4.1). */
    PPTP_GRE("pptp_gre");

    private final String counterSuffix;

    SteeredProtocol(String counterSuffix) {
        this.counterSuffix = counterSuffix;
    }

    /** The last part of this protocol's counter names, e.g. {@code l2tp}. */
    public String counterSuffix() {
        return counterSuffix;
    }
}
