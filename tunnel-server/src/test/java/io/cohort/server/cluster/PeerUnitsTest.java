package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** A peer's packets are classified by its address and port, as steering classifies them. */
class PeerUnitsTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 40_123);
    private static final int SOURCE = 0xC0000207; // 192.0.2.7

    @Test
    void udpAndTcpAreClassifiedByThePeersAddressAndPort() {
        assertThat(PeerUnits.udpFlow(PEER, 1701)).hasValue(new FlowKey.Ipv4Flow(SOURCE, 0, 17, 40_123, 1701));
        assertThat(PeerUnits.udp(PEER, 1701))
                .hasValue(WorkFilter.classify(new FlowKey.Ipv4Flow(SOURCE, 0, 17, 40_123, 1701)));
        assertThat(PeerUnits.tcp(PEER, 1723))
                .hasValue(WorkFilter.classify(new FlowKey.Ipv4Flow(SOURCE, 0, 6, 40_123, 1723)));
    }

    @Test
    void anIpv6PeerHasNoUnit() {
        InetSocketAddress ipv6 = new InetSocketAddress("2001:db8::7", 1701);

        assertThat(PeerUnits.udpFlow(ipv6, 1701)).isEmpty();
        assertThat(PeerUnits.udp(ipv6, 1701)).isEmpty();
        assertThat(PeerUnits.tcp(ipv6, 1723)).isEmpty();
    }
}
