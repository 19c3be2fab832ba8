package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.TunnelIdAllocator;
import io.cohort.server.cluster.PeerUnits;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** L2TP on a steered cluster: tunnel IDs of the unit the peer's SCCRQ classifies to. */
class UnitTunnelIdsTest {
    private static final int PORT = 1701;
    private static final InetSocketAddress LAC = new InetSocketAddress("192.0.2.7", 40_123);

    @Test
    void tunnelIdsAreOfThePeersUnitAndRunOutAfterTheUnitsSixtyFour() {
        WorkUnit unit = PeerUnits.udp(LAC, PORT).orElseThrow();
        UnitTunnelIds ids = new UnitTunnelIds(PORT, new SplittableRandom(1), (peer, inUse) -> -1);
        Set<Integer> taken = new HashSet<>();

        for (int i = 0; i < UnitIdSpace.IDS_PER_UNIT; i++) {
            int id = ids.allocate(LAC, taken::contains);
            if (id == 0) {
                break;
            }
            assertThat(UnitIdSpace.unitOf(id)).isEqualTo(unit);
            assertThat(taken.add(id)).isTrue();
        }

        assertThat(taken).hasSize(unit.value() == 0 ? UnitIdSpace.IDS_PER_UNIT - 1 : UnitIdSpace.IDS_PER_UNIT);
        assertThat(ids.allocate(LAC, taken::contains)).isZero();
    }

    @Test
    void anIpv6PeerGetsAnyIdFromTheUnsteeredAllocator() {
        TunnelIdAllocator unsteered = (peer, inUse) -> 4242;
        UnitTunnelIds ids = new UnitTunnelIds(PORT, new SplittableRandom(1), unsteered);

        assertThat(ids.allocate(new InetSocketAddress("2001:db8::7", 1701), id -> false)).isEqualTo(4242);
    }
}
