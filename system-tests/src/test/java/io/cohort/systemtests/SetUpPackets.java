package io.cohort.systemtests;

/**
 * What a capture of the clients' link holds of a session set-up: the first packet each protocol
 * sends to set up again, counted as sent by the clients.
 *
 * @param clientPackets every L2TP, PPTP and GRE packet the clients sent (the capture saw traffic at all)
 * @param sccrq L2TP Start-Control-Connection-Request messages (RFC 2661 section 6.1): a new tunnel
 * @param pptpSyn TCP SYNs to port 1723 (RFC 2637 section 1.3): a new PPTP control connection
 * @param lcpConfigureRequests LCP Configure-Requests (RFC 1661 section 5.1) in L2TP data messages
 *     or in PPTP's enhanced GRE: a PPP link negotiated again
 * @param serverLcpConfigureRequests LCP Configure-Requests the cluster sent (printed, not judged:
 *     a member that renegotiates shows here)
 * @param kernelDrops packets the capture's kernel buffer dropped (tcpdump's count)
 */
record SetUpPackets(long clientPackets, long sccrq, long pptpSyn, long lcpConfigureRequests,
                    long serverLcpConfigureRequests, long kernelDrops) {

    private static final String SCCRQ = "1";
    private static final String LCP_CONFIGURE_REQUEST = "1";
    private static final String PPTP_PORT = "1723";

    /**
     * Counts the lines of {@code tshark -T fields} with the fields ip.src, frame.protocols,
     * l2tp.avp.message_type, tcp.dstport, tcp.flags.syn, tcp.flags.ack and ppp.code, tab-separated.
     */
    static SetUpPackets count(String tsharkFields, String clientAddress, long kernelDrops) {
        long client = 0;
        long sccrq = 0;
        long syn = 0;
        long lcp = 0;
        long serverLcp = 0;
        for (String line : tsharkFields.lines().toList()) {
            String[] f = line.split("\t", -1);
            if (f.length < 7) {
                continue; // not IPv4 (ARP and the like are not in the capture filter; nothing else is)
            }
            boolean fromClient = f[0].equals(clientAddress);
            // frame.protocols: eth:ethertype:ip:udp:l2tp:ppp:lcp, or ...:ip:gre:ppp:lcp; PPP's
            // control protocols share the Code field, lcp keeps LCP's (RFC 1661 section 5).
            boolean lcpConfigureRequest = f[1].endsWith(":lcp") && f[6].equals(LCP_CONFIGURE_REQUEST);
            if (fromClient) {
                client++;
                sccrq += f[2].equals(SCCRQ) ? 1 : 0;
                syn += f[3].equals(PPTP_PORT) && isSet(f[4]) && !isSet(f[5]) ? 1 : 0;
                lcp += lcpConfigureRequest ? 1 : 0;
            } else if (lcpConfigureRequest) {
                serverLcp++;
            }
        }
        return new SetUpPackets(client, sccrq, syn, lcp, serverLcp, kernelDrops);
    }

    /** tshark prints a boolean field as 1/0 (4.0) or True/False (later). */
    private static boolean isSet(String flag) {
        return flag.equals("1") || flag.equalsIgnoreCase("true");
    }

    /** Whether the clients sent none of the packets that start a set-up. */
    boolean noSetUp() {
        return sccrq == 0 && pptpSyn == 0 && lcpConfigureRequests == 0;
    }

    @Override
    public String toString() {
        return "captured from the clients: " + clientPackets + " packets, " + sccrq + " SCCRQ, " + pptpSyn
                + " SYN to 1723, " + lcpConfigureRequests + " LCP Configure-Request; " + serverLcpConfigureRequests
                + " LCP Configure-Request from the cluster; " + kernelDrops + " dropped by the kernel";
    }
}
