package io.cohort.server.dataplane;

import java.net.Inet4Address;

/**
 * Host routes onto the TUN for addresses outside this member's pool: a session taken over from
 * another member keeps the address that member's pool gave it, which the route of our own pool
 * does not cover. Called on the engine thread; a failure is the implementation's to count and log.
 */
public interface HostRoutes {
    /** Routes {@code address}/32 onto the TUN; true if the route is now in place. */
    boolean add(Inet4Address address);

    /** Removes the route {@link #add} put in place. */
    void remove(Inet4Address address);

    /** No routes (a data path without a kernel behind it, e.g. tests). */
    HostRoutes NONE = new HostRoutes() {
        @Override
        public boolean add(Inet4Address address) {
            return true;
        }

        @Override
        public void remove(Inet4Address address) { }
    };
}
