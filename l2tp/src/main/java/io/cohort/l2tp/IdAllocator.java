package io.cohort.l2tp;

import java.util.function.IntPredicate;

/**
 * Chooses local session IDs, or tunnel IDs whatever the peer ({@link TunnelIdAllocator#anyOf}).
 * Session IDs only have meaning within their tunnel (RFC 2661 section 3.1), so they need no work
 * unit: the tunnel's ID steers all its packets.
 */
@FunctionalInterface
public interface IdAllocator {
    /** A free ID in 1..65535 ({@code inUse} says which are taken), or 0 if none is left. */
    int allocate(IntPredicate inUse);
}
