package io.cohort.client.load;

/** Which tunnel protocol a load run sets its sessions up with. */
public enum LoadProtocol {
    /** L2TP (RFC 2661) over UDP, PPP without encryption; server port 1701. */
    L2TP(1701),
    /** PPTP (RFC 2637): TCP control connection, GRE data, PPP with MS-CHAPv2 and MPPE-128; port 1723. */
    PPTP(1723);

    private final int defaultPort;

    LoadProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The server port when none is given. */
    public int defaultPort() {
        return defaultPort;
    }
}
