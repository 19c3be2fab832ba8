package io.cohort.ppp.ipcp;

import java.net.Inet4Address;
import java.util.Optional;

/** Hands out peer addresses (the server's pool). Called on the engine thread. */
public interface Ipv4AddressAllocator {
    /** An address for this user, or empty when the pool is exhausted. */
    Optional<Inet4Address> allocate(String user);

    /** Returns an address allocated earlier. */
    void release(Inet4Address address);
}
