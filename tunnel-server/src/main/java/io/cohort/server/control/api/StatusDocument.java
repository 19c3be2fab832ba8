package io.cohort.server.control.api;

import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.Traffic;
import io.cohort.server.registry.TunnelStatus;
import io.cohort.server.status.PoolStatus;
import io.cohort.server.status.StatusSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code status --json}: one server's tunnels, sessions, users, pool and counters. Protocols and
 * states are lower-case names ({@code l2tp}, {@code established}).
 */
public record StatusDocument(Server server, List<Tunnel> tunnels, List<Session> sessions, List<User> users, Pool pool,
                             Map<String, Long> counters) {
    public StatusDocument {
        tunnels = List.copyOf(tunnels);
        sessions = List.copyOf(sessions);
        users = List.copyOf(users);
        counters = new TreeMap<>(counters);
    }

    /** Which server answered, and when. */
    public record Server(String hostname, String version, Instant startedAt, Instant now) {
    }

    /** One tunnel (L2TP) or control connection (PPTP). */
    public record Tunnel(String protocol, int id, int peerId, String peerAddress, int peerPort, String state,
                         int sessions, Instant upSince, long bytesIn, long packetsIn, long bytesOut, long packetsOut) {
    }

    /** One session (L2TP) or call (PPTP); user and address are empty until authentication and IPCP. */
    public record Session(String protocol, int tunnelId, int id, int peerId, Optional<String> user,
                          Optional<String> address, String state, Instant upSince, long bytesIn, long packetsIn,
                          long bytesOut, long packetsOut) {
    }

    /** An authenticated user: how many sessions, and the addresses they hold. */
    public record User(String user, int sessions, List<String> addresses) {
        public User {
            addresses = List.copyOf(addresses);
        }
    }

    /** The address pool and who holds which address. */
    public record Pool(String cidr, String gateway, int size, int used, List<Allocation> allocations) {
        public Pool {
            allocations = List.copyOf(allocations);
        }
    }

    /** One address of the pool in use. */
    public record Allocation(String address, String user) {
    }

    /** The document of {@code s}. */
    public static StatusDocument of(StatusSnapshot s) {
        return new StatusDocument(new Server(s.hostname(), s.version(), s.startedAt(), s.now()),
                s.tunnels().stream().map(StatusDocument::tunnel).toList(),
                s.sessions().stream().map(StatusDocument::session).toList(),
                s.users().stream().map(u -> new User(u.user(), u.sessions(), u.addresses())).toList(),
                pool(s.pool()), s.counters());
    }

    /** The counter {@code name}; 0 if the server has not counted it. */
    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Sessions of {@code protocol} ({@code l2tp}, {@code pptp}) in state {@code state}. */
    public long sessions(String protocol, String state) {
        return sessions.stream().filter(x -> x.protocol().equals(protocol) && x.state().equals(state)).count();
    }

    private static Tunnel tunnel(TunnelStatus t) {
        Traffic traffic = t.traffic();
        return new Tunnel(lower(t.key().protocol()), t.key().localId(), t.peerId(), t.peer().getAddress().getHostAddress(),
                t.peer().getPort(), lower(t.state()), t.sessions(), t.upSince(), traffic.bytesIn(), traffic.packetsIn(),
                traffic.bytesOut(), traffic.packetsOut());
    }

    private static Session session(SessionStatus r) {
        Traffic traffic = r.traffic();
        return new Session(lower(r.key().tunnel().protocol()), r.key().tunnel().localId(), r.key().localId(), r.peerId(),
                r.user(), r.address().map(a -> a.getHostAddress()), lower(r.state()), r.upSince(), traffic.bytesIn(),
                traffic.packetsIn(), traffic.bytesOut(), traffic.packetsOut());
    }

    private static Pool pool(PoolStatus p) {
        return new Pool(p.cidr().toString(), p.gateway().getHostAddress(), p.size(), p.used(),
                p.allocations().stream().map(StatusDocument::allocation).toList());
    }

    private static Allocation allocation(Ipv4Pool.Allocation a) {
        return new Allocation(a.address().getHostAddress(), a.user());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
