package io.cohort.server.l2tp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * L2TP's userspace filter by work unit: with steering every member receives every datagram for
 * the cluster IP, and keeps only those of units it owns. The unit is {@link TunnelUnits}', as
 * steering classifies it: a datagram that carries our
 * tunnel ID belongs to that ID's unit; one with tunnel ID 0 (an SCCRQ, RFC 2661 section 3.1) or
 * whose header cannot be read belongs to the unit of the peer's address and port, so that exactly
 * one member answers, or counts it malformed. The master holds and later hands over datagrams of
 * units that have no owner yet (steering's capture), so a non-owner drops them silently. An IPv6
 * peer, which steering never brings, is always accepted.
 */
final class L2tpUnitFilter {
    private final UnitOwnership ownership;
    private final int localPort;
    private final Counter notOwned;

    L2tpUnitFilter(UnitOwnership ownership, int localPort, Counters counters) {
        this.ownership = ownership;
        this.localPort = localPort;
        this.notOwned = counters.counter("steering.l2tp.not_owned");
    }

    /** Whether this member processes {@code datagram} from {@code peer}; the buffer is not consumed. */
    boolean accepts(InetSocketAddress peer, ByteBuffer datagram) {
        if (!ownership.steering()) {
            return true;
        }
        Optional<WorkUnit> unit = TunnelUnits.ofDatagram(peer, localPort, datagram);
        if (unit.isEmpty() || ownership.owns(unit.get())) {
            return true;
        }
        notOwned.increment();
        return false;
    }

}
