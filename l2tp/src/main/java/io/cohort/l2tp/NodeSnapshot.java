package io.cohort.l2tp;

import io.cohort.l2tp.session.SessionSnapshot;
import io.cohort.l2tp.tunnel.TunnelSnapshot;
import java.util.List;
import java.util.Map;

/** Every tunnel and session of a node, and its counters, for {@code cohort status}. */
public record NodeSnapshot(List<TunnelSnapshot> tunnels, List<SessionSnapshot> sessions, Map<String, Long> counters) {
    public NodeSnapshot {
        tunnels = List.copyOf(tunnels);
        sessions = List.copyOf(sessions);
        counters = Map.copyOf(counters);
    }
}
