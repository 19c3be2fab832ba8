package io.cohort.cluster.unit;

import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Hands out 16-bit identifiers (L2TP tunnel IDs, PPTP Call IDs; one allocator per identifier
 * space) that {@link WorkFilter} classifies back to a chosen unit, so that every later packet
 * carrying the identifier reaches the member that owns that unit (DESIGN.md, "Hashing on tunnel
 * and session identifiers"). The caller asks only for units this member owns: an L2TP tunnel's
 * unit is that of its SCCRQ, a PPTP call's that of its control connection.
 *
 * <p>The identifiers of unit {@code u} are {@code slot << 10 | u}: their low 10 bits are the unit,
 * which is what {@link WorkFilter} and the kernel filter (matching a GRE Call ID with
 * {@code @th,48,16 & 0x3ff}) both read. Each unit has {@value UnitIdSpace#IDS_PER_UNIT}
 * identifiers (unit 0 has 63: identifier 0 is never handed out), so at most 64 tunnels or calls can be open per owned unit
 * ({@link UnitIdSpace}). An identifier is drawn at random among the free ones of its unit, which
 * makes identifiers hard to guess and slow to be reused; {@link #allocate} returns empty when the
 * unit has none left. One 64-bit word per unit (8 KiB in all) records which are in use.
 *
 * <p>The method shapes follow {@code io.cohort.pptp.call.CallIdAllocator}: a Call ID allocator
 * for one control connection is {@code allocate(unit)} with that connection's unit, and
 * {@link #release}, {@link #inUse}, {@link #allocated} unchanged. An identifier space whose owner
 * keeps its own table of identifiers in use (the L2TP node's tunnel table) draws through
 * {@link #choose} instead, which records nothing: the draw is the same, the owner's table stays
 * the one record. Not thread-safe: used on the thread of the engines that own the identifier
 * space.
 */
public final class UnitIdAllocator {
    private final RandomGenerator random;
    /** Bit {@code slot} of word {@code unit} set: identifier {@code UnitIdSpace.id(unit, slot)} is in use. */
    private final long[] used = new long[WorkUnit.COUNT];
    private int allocated;

    public UnitIdAllocator(RandomGenerator random) {
        this.random = random;
        used[0] = 1L; // identifier 0 (unit 0, slot 0) is reserved
    }

    /** A free identifier of {@code unit}, now in use; empty if all of the unit's are in use. */
    public OptionalInt allocate(WorkUnit unit) {
        OptionalInt slot = drawSlot(~used[unit.value()], random);
        slot.ifPresent(s -> take(unit.value(), s));
        return id(unit, slot);
    }

    /**
     * A free identifier of {@code unit}, drawn as {@link #allocate(WorkUnit)} draws but with
     * {@code inUse} saying which are taken, for an identifier space recorded by its owner's own
     * table; nothing is recorded here. Empty if all of the unit's identifiers are in use.
     */
    public static OptionalInt choose(WorkUnit unit, IntPredicate inUse, RandomGenerator random) {
        long free = 0;
        for (int slot = 0; slot < UnitIdSpace.IDS_PER_UNIT; slot++) {
            int id = UnitIdSpace.id(unit, slot);
            if (id != 0 && !inUse.test(id)) {
                free |= 1L << slot;
            }
        }
        return id(unit, drawSlot(free, random));
    }

    /**
     * Marks a given identifier in use, as when a member takes over a unit and restores the
     * tunnels or calls replicated to it; false if it is already in use.
     */
    public boolean reserve(int id) {
        if (inUse(id)) {
            return false;
        }
        take(UnitIdSpace.unitOf(id).value(), UnitIdSpace.slot(id));
        return true;
    }

    /** Returns an identifier for reuse; releasing one that is not in use is a programming error. */
    public void release(int id) {
        if (!inUse(id)) {
            throw new IllegalArgumentException("identifier " + id + " is not allocated");
        }
        used[UnitIdSpace.unitOf(id).value()] &= ~(1L << UnitIdSpace.slot(id));
        allocated--;
    }

    /** Whether {@code id} is currently allocated; false for 0 and for values outside 1..65535. */
    public boolean inUse(int id) {
        if (id < 1 || id > UnitIdSpace.MAX_ID) {
            return false;
        }
        return (used[UnitIdSpace.unitOf(id).value()] & 1L << UnitIdSpace.slot(id)) != 0;
    }

    /** How many identifiers are currently allocated, across all units. */
    public int allocated() {
        return allocated;
    }

    /** How many identifiers of {@code unit} are free. */
    public int free(WorkUnit unit) {
        return Long.bitCount(~used[unit.value()]);
    }

    /** A slot drawn at random among the set bits of {@code free}; empty if none is set. */
    private static OptionalInt drawSlot(long free, RandomGenerator random) {
        int count = Long.bitCount(free);
        if (count == 0) {
            return OptionalInt.empty();
        }
        for (int skip = random.nextInt(count); skip > 0; skip--) {
            free &= free - 1; // drop the lowest free slot
        }
        return OptionalInt.of(Long.numberOfTrailingZeros(free));
    }

    private static OptionalInt id(WorkUnit unit, OptionalInt slot) {
        return slot.isPresent() ? OptionalInt.of(UnitIdSpace.id(unit, slot.getAsInt())) : OptionalInt.empty();
    }

    private void take(int unit, int slot) {
        used[unit] |= 1L << slot;
        allocated++;
    }
}
