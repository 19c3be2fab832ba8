package io.cohort.server.pptp;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.UnknownCallAnswers;
import io.cohort.server.cluster.UnitOwnership;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * GRE for a Call ID that no call here has, on the engine thread: answered with a
 * Call-Disconnect-Notify ({@link UnknownCallAnswers}) only when the call's state is nowhere. With
 * steering that means this member serves the call's work unit, and has for a while
 * ({@link UnitOwnership#servesSettled}: assigned, its replicas rebuilt, the lease valid, for at
 * least 5 s), and the answer goes only on a connection of that same unit:
 * a connection's Call IDs are all of its own unit ({@link UnitCallIds}), so a connection of another
 * unit never had the call. Without steering every connection from the address may have had it.
 */
final class UnknownGreCalls {
    private final UnitOwnership ownership;
    private final Supplier<Collection<PptpConnection>> connections;
    private final UnknownCallAnswers answers;

    UnknownGreCalls(UnitOwnership ownership, Supplier<Collection<PptpConnection>> connections,
            UnknownCallAnswers answers) {
        this.ownership = ownership;
        this.connections = connections;
        this.answers = answers;
    }

    /** GRE from {@code source} for our Call ID {@code callId}, which no call here has. */
    void received(Inet4Address source, int callId) {
        WorkUnit unit = WorkFilter.classify(new FlowKey.PptpCall(callId));
        answers.unknownCall(source, callId, () -> connectionsFrom(source, unit), ownership.servesSettled(unit));
    }

    private List<ControlConnection> connectionsFrom(Inet4Address source, WorkUnit callUnit) {
        List<ControlConnection> from = new ArrayList<>(1);
        for (PptpConnection c : connections.get()) {
            if (!c.closed() && c.peerAddress().equals(source)
                    && (!ownership.steering() || c.replication().unit().equals(callUnit))) {
                from.add(c.control());
            }
        }
        return from;
    }
}
