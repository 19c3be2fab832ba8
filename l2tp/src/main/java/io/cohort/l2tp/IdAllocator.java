package io.cohort.l2tp;

import java.util.function.IntPredicate;

/**
 * Chooses local tunnel and session IDs. An interface because cluster members must later pick
 * IDs that hash to a work unit they own.
 */
@FunctionalInterface
public interface IdAllocator {
    /** A free ID in 1..65535 ({@code inUse} says which are taken), or 0 if none is left. */
    int allocate(IntPredicate inUse);
}
