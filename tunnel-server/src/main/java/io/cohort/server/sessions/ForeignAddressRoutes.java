package io.cohort.server.sessions;

import io.cohort.server.dataplane.HostRoutes;
import io.cohort.server.pool.Ipv4Pool;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kernel addressing of sessions a member took over from another (patent, figure 7). A client
 * keeps the address the other member's pool gave it (a <em>foreign lease</em> of {@link Ipv4Pool}),
 * which our pool's route onto the TUN does not cover: it gets a /32 route while its session lives
 * here. And its link keeps the other member's gateway as the server's end (IPCP's local address,
 * RFC 1332 3.3, is not renegotiated): that address is held on the TUN while any session taken
 * over with it lives here, so that the client's packets to it are answered. Engine thread only.
 *
 * @param <S> the sessions, by identity
 */
public final class ForeignAddressRoutes<S> {
    private final Ipv4Pool pool;
    private final HostRoutes routes;
    private final Map<S, Inet4Address> routed = new IdentityHashMap<>();
    private final Map<S, Inet4Address> gatewayOf = new IdentityHashMap<>();
    /** Other members' gateways held on the TUN, and how many sessions hold each. */
    private final Map<Inet4Address, Integer> heldGateways = new HashMap<>();

    public ForeignAddressRoutes(Ipv4Pool pool, HostRoutes routes) {
        this.pool = Objects.requireNonNull(pool);
        this.routes = Objects.requireNonNull(routes);
    }

    /**
     * Routes {@code address}, claimed in the pool, if it is a foreign lease; false if it needed a
     * route and the kernel refused it (the caller gives the address back).
     */
    public boolean route(Inet4Address address) {
        return !pool.isForeign(address) || routes.add(address);
    }

    /** Undoes {@link #route} for a session that did not resume after all. */
    public void unroute(Inet4Address address) {
        if (pool.isForeign(address)) {
            routes.remove(address);
        }
    }

    /**
     * {@code session} resumed at {@code address} (routed by {@link #route} if foreign) with
     * {@code gateway} as the server's end of its link: held on the TUN if it is not ours. Both go
     * when the session does.
     */
    public void resumed(S session, Inet4Address address, Inet4Address gateway) {
        if (pool.isForeign(address)) {
            routed.put(session, address);
        }
        if (!gateway.equals(pool.gateway())) {
            int holders = heldGateways.merge(gateway, 1, Integer::sum);
            if (holders == 1 && !routes.addLocal(gateway)) {
                heldGateways.remove(gateway); // the session works; only packets to that address go unanswered
                return;
            }
            gatewayOf.put(session, gateway);
        }
    }

    /** {@code session}'s link is down: its host route and its hold on a gateway, if any, go. */
    public void linkDown(S session) {
        Inet4Address address = routed.remove(session);
        if (address != null) {
            routes.remove(address);
        }
        Inet4Address gateway = gatewayOf.remove(session);
        if (gateway != null && heldGateways.merge(gateway, -1, Integer::sum) == 0) {
            heldGateways.remove(gateway);
            routes.removeLocal(gateway);
        }
    }
}
