package io.cohort.cluster.wire;

import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of work units on the wire: {@value #OCTETS} octets, unit u at bit 7 − (u mod 8) of octet
 * u / 8 (most significant bit first, as RFC 791 numbers bits). Used by the cluster protocol and the
 * replication stream.
 */
public final class UnitBitmap {
    public static final int OCTETS = WorkUnit.COUNT / 8;

    private UnitBitmap() {}

    public static byte[] encode(Set<WorkUnit> units) {
        byte[] bits = new byte[OCTETS];
        for (WorkUnit unit : units) {
            bits[unit.value() >>> 3] |= (byte) (0x80 >>> (unit.value() & 7));
        }
        return bits;
    }

    /** The units of a bitmap of {@value #OCTETS} octets. */
    public static SortedSet<WorkUnit> decode(byte[] bits) {
        SortedSet<WorkUnit> units = new TreeSet<>();
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            if ((bits[u >>> 3] & (0x80 >>> (u & 7))) != 0) {
                units.add(WorkUnit.of(u));
            }
        }
        return Collections.unmodifiableSortedSet(units);
    }
}
