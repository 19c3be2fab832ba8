package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.server.cluster.PeerUnits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TunnelUnitsTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.2", 40000);

    @Test
    void aTunnelLivesInTheUnitOfItsIdAndSoDoesEveryDatagramThatCarriesIt() {
        int tunnelId = UnitIdSpace.id(WorkUnit.of(517), 3);

        assertThat(TunnelUnits.ofTunnel(tunnelId)).isEqualTo(WorkUnit.of(517));
        assertThat(TunnelUnits.ofDatagram(PEER, 1701, L2tpCodec.encodeZlb(tunnelId, 0, 0)))
                .contains(WorkUnit.of(517));
    }

    @Test
    void aDatagramWithoutOurTunnelIdBelongsToThePeersAddressAndPort() {
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {1});

        assertThat(TunnelUnits.ofDatagram(PEER, 1701, L2tpCodec.encodeZlb(0, 0, 0)))
                .isEqualTo(PeerUnits.udp(PEER, 1701));
        assertThat(TunnelUnits.ofDatagram(PEER, 1701, garbage)).isEqualTo(PeerUnits.udp(PEER, 1701));
        assertThat(garbage.remaining()).as("not consumed").isEqualTo(1);
        assertThat(TunnelUnits.ofDatagram(new InetSocketAddress("2001:db8::1", 40000), 1701, garbage)).isEmpty();
    }
}
