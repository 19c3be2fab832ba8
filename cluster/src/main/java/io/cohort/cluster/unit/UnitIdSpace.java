package io.cohort.cluster.unit;

/**
 * The 16-bit identifier space (L2TP tunnel IDs, PPTP Call IDs) seen through the work filter.
 *
 * <p>An identifier's unit is its low 10 bits ({@link WorkFilter}: {@code id & 0x3FF}, which the
 * kernel filter can match in a GRE header) and its slot its top 6 bits, so
 * {@code id = slot << 10 | unit}: a bijection between (unit, slot) and identifier. Every unit has
 * {@value #IDS_PER_UNIT} identifiers, except that identifier 0 (unit 0, slot 0) is reserved
 * (RFC 2661 section 3.1 and RFC 2637 use 0 for "none yet"), leaving unit 0 with 63.
 *
 * <p>Consequence: a member can have at most 64 tunnels (or 64 PPTP calls) per unit it owns, per
 * identifier space. A member owning 100 units can terminate up to 6,400 L2TP tunnels and 6,400
 * PPTP calls at once; a cluster, up to 65,535 of each.
 */
public final class UnitIdSpace {
    /** Identifiers of one unit: 65536 / 1024. */
    public static final int IDS_PER_UNIT = 0x10000 / WorkUnit.COUNT;

    /** The largest identifier. */
    public static final int MAX_ID = 0xFFFF;

    private UnitIdSpace() {}

    /** The unit an identifier classifies to; {@code id} is 1 to 65535. */
    public static WorkUnit unitOf(int id) {
        checkId(id);
        return WorkUnit.of(id & WorkUnit.MASK);
    }

    /**
     * The identifier in {@code slot} (0 to 63) of {@code unit}: {@code slot << 10 | unit}.
     * Unit 0's slot 0 is identifier 0, which is never used.
     */
    public static int id(WorkUnit unit, int slot) {
        if (slot < 0 || slot >= IDS_PER_UNIT) {
            throw new IllegalArgumentException("slot " + slot + " is not 0.." + (IDS_PER_UNIT - 1));
        }
        return slot << 10 | unit.value();
    }

    /** The slot of {@code id} within its unit: its top 6 bits. */
    public static int slot(int id) {
        checkId(id);
        return id >>> 10;
    }

    static void checkId(int id) {
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("identifier " + id + " is not 1.." + MAX_ID);
        }
    }
}
