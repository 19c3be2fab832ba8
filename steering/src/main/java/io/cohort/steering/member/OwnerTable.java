package io.cohort.steering.member;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import java.net.Inet4Address;
import java.util.Map;
import java.util.Optional;

/**
 * The master's forwarding table as the capture thread reads it, one packet at a time: for each
 * unit its acknowledged owner, or none while the unit is being assigned (its packets go to the
 * cluster layer, which holds them). Replaced whole on every change, read without locks.
 */
final class OwnerTable {
    /**
     * A unit's owner.
     *
     * @param id the member
     * @param address its IPv4 address on the LAN, where frames are forwarded to; empty if the
     *     member's cluster address is not IPv4 (its frames cannot be forwarded)
     * @param self whether it is this member, whose kernel takes the packet itself
     */
    record Owner(MemberId id, Optional<Inet4Address> address, boolean self) {}

    private volatile Owner[] owners = new Owner[WorkUnit.COUNT];

    /** Takes {@code table} (the master's acknowledged owners) as the new table. */
    void update(Map<WorkUnit, MemberEntry> table, MemberId self) {
        Owner[] next = new Owner[WorkUnit.COUNT];
        table.forEach((unit, entry) -> next[unit.value()] = new Owner(entry.id(),
                entry.address().ip() instanceof Inet4Address v4 ? Optional.of(v4) : Optional.empty(),
                entry.id().equals(self)));
        owners = next;
    }

    /** {@code unit}'s acknowledged owner, or null if it has none (being assigned, or in the pool). */
    Owner owner(WorkUnit unit) {
        return owners[unit.value()];
    }
}
