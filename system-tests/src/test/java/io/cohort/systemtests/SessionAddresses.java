package io.cohort.systemtests;

import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.server.control.api.StatusDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The address every client session holds, by the members' statuses: each session named by what
 * the client chose and a takeover must keep (the tunnel's or control connection's peer address,
 * port and ID, the session's or call's peer ID), so that the names match whichever member serves
 * it. A session listed by two members, or with two addresses, is a {@link #conflicts() conflict}.
 *
 * @param addresses session name to address
 * @param conflicts sessions listed more than once, with every address given
 */
record SessionAddresses(Map<String, String> addresses, List<String> conflicts) {
    SessionAddresses {
        addresses = new TreeMap<>(addresses);
        conflicts = List.copyOf(conflicts);
    }

    /** The sessions with an address on the members of {@code snapshot}. */
    static SessionAddresses of(ClusterSnapshot snapshot) {
        Map<String, String> addresses = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        for (ClusterSnapshot.Member member : snapshot.members()) {
            member.status().ifPresent(status -> {
                for (StatusDocument.Session s : status.sessions()) {
                    if (s.address().isEmpty()) {
                        continue;
                    }
                    String name = name(status, s);
                    String earlier = addresses.putIfAbsent(name, s.address().get());
                    if (earlier != null) {
                        conflicts.add(name + ": " + earlier + " and " + s.address().get() + " (also on " + member.name() + ")");
                    }
                }
            });
        }
        return new SessionAddresses(addresses, conflicts);
    }

    private static String name(StatusDocument status, StatusDocument.Session s) {
        String tunnel = status.tunnels().stream()
                .filter(t -> t.protocol().equals(s.protocol()) && t.id() == s.tunnelId()).findFirst()
                .map(t -> t.peerAddress() + ":" + t.peerPort() + " tunnel " + t.peerId())
                .orElse("tunnel ?" + s.tunnelId());
        return s.protocol() + " " + tunnel + " session " + s.peerId();
    }

    /** The sessions whose address is not the one in {@code before}, or that are gone or new, one line each. */
    List<String> changedSince(SessionAddresses before) {
        List<String> changed = new ArrayList<>();
        before.addresses.forEach((name, address) -> {
            String now = addresses.get(name);
            if (!address.equals(now)) {
                changed.add(name + ": " + address + " -> " + (now == null ? "(none)" : now));
            }
        });
        addresses.keySet().stream().filter(n -> !before.addresses.containsKey(n))
                .forEach(n -> changed.add(n + ": (none) -> " + addresses.get(n)));
        return changed;
    }
}
