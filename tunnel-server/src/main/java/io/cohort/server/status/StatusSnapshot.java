package io.cohort.server.status;

import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.TunnelStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Everything {@code cohort status} reports, taken at one moment. */
public record StatusSnapshot(String hostname, String version, Instant startedAt, Instant now,
                             List<TunnelStatus> tunnels, List<SessionStatus> sessions, PoolStatus pool,
                             Map<String, Long> counters) {
    public StatusSnapshot {
        tunnels = List.copyOf(tunnels);
        sessions = List.copyOf(sessions);
        counters = new TreeMap<>(counters);
    }

    /** A user with sessions: how many, and the addresses they hold. */
    public record UserStatus(String user, int sessions, List<String> addresses) {
    }

    /** The authenticated users, by name, from the sessions. */
    public List<UserStatus> users() {
        SortedMap<String, List<SessionStatus>> byUser = new TreeMap<>();
        for (SessionStatus s : sessions) {
            s.user().ifPresent(u -> byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(s));
        }
        return byUser.entrySet().stream()
                .map(e -> new UserStatus(e.getKey(), e.getValue().size(), e.getValue().stream()
                        .map(SessionStatus::address).flatMap(Optional::stream).map(a -> a.getHostAddress()).toList()))
                .toList();
    }
}
