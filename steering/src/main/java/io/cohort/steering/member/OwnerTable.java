package io.cohort.steering.member;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.steering.UnitOwner;
import java.net.Inet4Address;
import java.util.Map;
import java.util.Optional;

/**
 * The master's forwarding table as the capture thread reads it, one packet at a time: for each
 * unit its acknowledged owner, or none while the unit is being assigned (its packets go to the
 * cluster layer, which holds them). Replaced whole on every change, read without locks.
 */
final class OwnerTable {
    private volatile UnitOwner[] owners = new UnitOwner[WorkUnit.COUNT];

    /** Takes {@code table} (the master's acknowledged owners) as the new table. */
    void update(Map<WorkUnit, MemberEntry> table, MemberId self) {
        UnitOwner[] next = new UnitOwner[WorkUnit.COUNT];
        table.forEach((unit, entry) -> next[unit.value()] = new UnitOwner(entry.id(),
                entry.address().ip() instanceof Inet4Address v4 ? Optional.of(v4) : Optional.empty(),
                entry.id().equals(self)));
        owners = next;
    }

    /** {@code unit}'s acknowledged owner, or null if it has none (being assigned, or in the pool). */
    UnitOwner owner(WorkUnit unit) {
        return owners[unit.value()];
    }
}
