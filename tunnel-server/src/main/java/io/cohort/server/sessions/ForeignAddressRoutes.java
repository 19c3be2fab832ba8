package io.cohort.server.sessions;

import io.cohort.server.dataplane.HostRoutes;
import io.cohort.server.pool.Ipv4Pool;
import java.net.Inet4Address;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Host routes for the sessions a member took over with an address from another member's pool (a
 * <em>foreign lease</em> of {@link Ipv4Pool}): the pool's own route onto the TUN does not cover
 * such an address, so it gets a /32 route while its session lives here. Engine thread only.
 *
 * @param <S> the sessions, by identity
 */
public final class ForeignAddressRoutes<S> {
    private final Ipv4Pool pool;
    private final HostRoutes routes;
    private final Map<S, Inet4Address> routed = new IdentityHashMap<>();

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

    /** {@code session} resumed at {@code address}, routed by {@link #route}: its route goes when it does. */
    public void resumed(S session, Inet4Address address) {
        if (pool.isForeign(address)) {
            routed.put(session, address);
        }
    }

    /** {@code session}'s link is down: its host route, if it had one, goes. */
    public void linkDown(S session) {
        Inet4Address address = routed.remove(session);
        if (address != null) {
            routes.remove(address);
        }
    }
}
