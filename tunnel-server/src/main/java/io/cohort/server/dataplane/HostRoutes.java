package io.cohort.server.dataplane;

import java.net.Inet4Address;

/**
 * Host routes onto the TUN for addresses outside this member's pool: a session taken over from
 * another member keeps the address that member's pool gave it, which the route of our own pool
 * does not cover; and that member's gateway address held on the TUN, since the session's link
 * keeps it as the server's end (IPCP's local address: the client's pings and DNS may go to it).
 * Called on the engine thread; a failure is the implementation's to count and log.
 */
public interface HostRoutes {
    /** Routes {@code address}/32 onto the TUN; true if the route is now in place. */
    boolean add(Inet4Address address);

    /** Removes the route {@link #add} put in place. */
    void remove(Inet4Address address);

    /** Holds {@code gateway}/32 on the TUN as a local address; true if it is now in place. */
    boolean addLocal(Inet4Address gateway);

    /** Removes the address {@link #addLocal} put in place. */
    void removeLocal(Inet4Address gateway);

    /** No routes (a data path without a kernel behind it, e.g. tests). */
    HostRoutes NONE = new HostRoutes() {
        @Override
        public boolean add(Inet4Address address) {
            return true;
        }

        @Override
        public void remove(Inet4Address address) { }

        @Override
        public boolean addLocal(Inet4Address gateway) {
            return true;
        }

        @Override
        public void removeLocal(Inet4Address gateway) { }
    };
}
