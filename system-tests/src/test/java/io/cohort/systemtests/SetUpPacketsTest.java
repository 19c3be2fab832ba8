package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetUpPacketsTest {
    private static final String CLIENT = "10.77.0.200";

    /** Lines as tshark 4.0 prints them for the fields ClientCapture asks for. */
    private static final String CAPTURE = String.join("\n",
            // SCCRQ, and the SCCRP back
            "10.77.0.200\teth:ethertype:ip:udp:l2tp\t1\t\t\t\t",
            "10.77.0.100\teth:ethertype:ip:udp:l2tp\t2\t\t\t\t",
            // SYN, SYN-ACK, the client's ACK
            "10.77.0.200\teth:ethertype:ip:tcp\t\t1723\t1\t0\t",
            "10.77.0.100\teth:ethertype:ip:tcp\t\t40000\t1\t1\t",
            "10.77.0.200\teth:ethertype:ip:tcp\t\t1723\t0\t1\t",
            // LCP Configure-Request both ways in L2TP, the client's Configure-Ack, one in GRE
            "10.77.0.200\teth:ethertype:ip:udp:l2tp:ppp:lcp\t\t\t\t\t1",
            "10.77.0.100\teth:ethertype:ip:udp:l2tp:ppp:lcp\t\t\t\t\t1",
            "10.77.0.200\teth:ethertype:ip:udp:l2tp:ppp:lcp\t\t\t\t\t2",
            "10.77.0.200\teth:ethertype:ip:gre:ppp:lcp\t\t\t\t\t1",
            // an IPCP Configure-Request has the same code but is not LCP; an echo in MPPE
            "10.77.0.200\teth:ethertype:ip:gre:ppp:ipcp\t\t\t\t\t1",
            "10.77.0.200\teth:ethertype:ip:gre:ppp:mppe\t\t\t\t\t");

    @Test
    void countsWhatTheClientSentToSetUp() {
        SetUpPackets counted = SetUpPackets.count(CAPTURE, CLIENT, 0);

        assertThat(counted).isEqualTo(new SetUpPackets(8, 1, 1, 2, 1, 0));
        assertThat(counted.noSetUp()).isFalse();
    }

    @Test
    void dataAlonePassesAndBooleansMayReadTrue() {
        SetUpPackets counted = SetUpPackets.count(String.join("\n",
                "10.77.0.200\teth:ethertype:ip:tcp\t\t1723\tFalse\tTrue\t",
                "10.77.0.200\teth:ethertype:ip:udp:l2tp:ppp:ip:icmp\t\t\t\t\t",
                "10.77.0.100\teth:ethertype:ip:udp:l2tp:ppp:lcp\t\t\t\t\t1"), CLIENT, 3);

        assertThat(counted).isEqualTo(new SetUpPackets(2, 0, 0, 0, 1, 3));
        assertThat(counted.noSetUp()).isTrue();
        assertThat(SetUpPackets.count("10.77.0.200\teth:ethertype:ip:tcp\t\t1723\tTrue\tFalse\t", CLIENT, 0).pptpSyn())
                .isEqualTo(1);
    }
}
