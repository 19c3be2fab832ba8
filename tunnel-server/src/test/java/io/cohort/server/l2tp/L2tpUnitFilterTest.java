package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.PeerUnits;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** L2TP on a steered cluster: the userspace filter keeps the datagrams of the units this member owns. */
class L2tpUnitFilterTest {
    private static final int PORT = 1701;
    private static final InetSocketAddress LAC = new InetSocketAddress("192.0.2.7", 40_123);

    private final Counters counters = new Counters();

    @Test
    void withoutSteeringEveryDatagramIsAccepted() {
        UnitOwnership none = ClusterRegistrations.standalone().register("l2tp");
        L2tpUnitFilter filter = new L2tpUnitFilter(none, PORT, counters);

        assertThat(filter.accepts(LAC, L2tpCodec.encodeZlb(0, 0, 0))).isTrue();
        assertThat(filter.accepts(LAC, L2tpCodec.encodeZlb(77, 0, 0))).isTrue();
    }

    @Test
    void withSteeringADatagramIsAcceptedOnlyIfItsUnitIsOwned() {
        UnitOwnership l2tp = new ClusterRegistrations(true).register("l2tp");
        L2tpUnitFilter filter = new L2tpUnitFilter(l2tp, PORT, counters);
        WorkUnit peerUnit = PeerUnits.udp(LAC, PORT).orElseThrow();
        int tunnelId = UnitIdSpace.id(WorkUnit.of((peerUnit.value() + 1) % WorkUnit.COUNT), 3);
        ByteBuffer sccrqLike = L2tpCodec.encodeZlb(0, 0, 0); // tunnel ID 0: classified by the peer
        ByteBuffer ofTunnel = L2tpCodec.encodeZlb(tunnelId, 0, 0);

        assertThat(filter.accepts(LAC, sccrqLike)).isFalse();
        assertThat(filter.accepts(LAC, ofTunnel)).isFalse();
        assertThat(counters.get("steering.l2tp.not_owned")).isEqualTo(2);

        l2tp.unitsAssigned(Set.of(peerUnit));
        assertThat(filter.accepts(LAC, sccrqLike)).isTrue();
        assertThat(filter.accepts(LAC, ofTunnel)).isFalse();

        l2tp.unitsAssigned(Set.of(WorkFilter.classify(new FlowKey.L2tpTunnel(tunnelId))));
        assertThat(filter.accepts(LAC, ofTunnel)).isTrue();
        assertThat(sccrqLike.position()).isZero(); // nothing consumed

        l2tp.unitsRevoked(Set.of(peerUnit));
        assertThat(filter.accepts(LAC, sccrqLike)).isFalse();
        assertThat(l2tp.owned()).containsExactly(WorkUnit.of(UnitIdSpace.unitOf(tunnelId).value()));
    }

    @Test
    void anUnreadableHeaderBelongsToThePeersUnit() {
        UnitOwnership l2tp = new ClusterRegistrations(true).register("l2tp");
        L2tpUnitFilter filter = new L2tpUnitFilter(l2tp, PORT, counters);
        ByteBuffer junk = ByteBuffer.wrap(new byte[] {1});

        assertThat(filter.accepts(LAC, junk)).isFalse();
        l2tp.unitsAssigned(Set.of(PeerUnits.udp(LAC, PORT).orElseThrow()));
        assertThat(filter.accepts(LAC, junk)).isTrue();
    }

    @Test
    void aDatagramFromAnIpv6PeerIsAcceptedWhateverItsTunnelId() {
        UnitOwnership l2tp = new ClusterRegistrations(true).register("l2tp");
        L2tpUnitFilter filter = new L2tpUnitFilter(l2tp, PORT, counters);
        InetSocketAddress ipv6 = new InetSocketAddress("2001:db8::7", 1701);

        assertThat(filter.accepts(ipv6, L2tpCodec.encodeZlb(0, 0, 0))).isTrue();
        assertThat(filter.accepts(ipv6, L2tpCodec.encodeZlb(0x1234, 0, 0))).isTrue();
        assertThat(counters.get("steering.l2tp.not_owned")).isZero();
    }
}
