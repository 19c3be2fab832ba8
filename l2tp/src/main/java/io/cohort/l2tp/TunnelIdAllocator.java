package io.cohort.l2tp;

import java.net.InetSocketAddress;
import java.util.function.IntPredicate;

/**
 * Chooses our local tunnel ID for a tunnel with a given peer. The peer takes part because a
 * cluster member must pick an ID of the work unit the peer's SCCRQ (tunnel ID 0) was classified to
 * by address and port, so that every later packet, which carries the ID, steers to the same
 * member (DESIGN.md, "Hashing on tunnel and session identifiers").
 */
@FunctionalInterface
public interface TunnelIdAllocator {
    /**
     * A free ID in 1..65535 for a tunnel with {@code peer} ({@code inUse} says which are taken),
     * or 0 if none is left.
     */
    int allocate(InetSocketAddress peer, IntPredicate inUse);

    /** Any free ID of {@code ids}, whoever the peer. */
    static TunnelIdAllocator anyOf(IdAllocator ids) {
        return (peer, inUse) -> ids.allocate(inUse);
    }
}
