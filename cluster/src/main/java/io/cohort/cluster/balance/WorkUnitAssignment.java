package io.cohort.cluster.balance;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which member owns which work unit, as the master sees it: the live members (some may own
 * nothing yet) and the owner of each assigned unit. Units not in the map are unassigned. An
 * immutable value: the master's keepalive carries it, the balancing decision reads it.
 */
public final class WorkUnitAssignment {
    private final SortedSet<MemberId> members;
    private final SortedMap<WorkUnit, MemberId> owners;
    private final SortedMap<MemberId, NavigableSet<WorkUnit>> unitsByMember;

    public WorkUnitAssignment(SortedSet<MemberId> members, Map<WorkUnit, MemberId> owners) {
        this.members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        this.owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
        SortedMap<MemberId, NavigableSet<WorkUnit>> byMember = new TreeMap<>();
        members.forEach(m -> byMember.put(m, new TreeSet<>()));
        owners.forEach((unit, member) -> {
            NavigableSet<WorkUnit> units = byMember.get(member);
            if (units == null) {
                throw new IllegalArgumentException(unit + " is owned by " + member + ", not a member");
            }
            units.add(unit);
        });
        byMember.replaceAll((m, units) -> Collections.unmodifiableNavigableSet(units));
        this.unitsByMember = Collections.unmodifiableSortedMap(byMember);
    }

    /** The members, in name order. */
    public SortedSet<MemberId> members() {
        return members;
    }

    /** The owner of {@code unit}, empty if it is unassigned. */
    public Optional<MemberId> owner(WorkUnit unit) {
        return Optional.ofNullable(owners.get(unit));
    }

    /** The units {@code member} owns, in unit order. */
    public NavigableSet<WorkUnit> unitsOf(MemberId member) {
        NavigableSet<WorkUnit> units = unitsByMember.get(member);
        if (units == null) {
            throw new IllegalArgumentException(member + " is not a member");
        }
        return units;
    }

    /** The patent's load of a member: the number of units it owns. */
    public int load(MemberId member) {
        return unitsOf(member).size();
    }

    /** This assignment with {@code unit} owned by {@code member}. */
    public WorkUnitAssignment with(WorkUnit unit, MemberId member) {
        Map<WorkUnit, MemberId> next = new TreeMap<>(owners);
        next.put(unit, member);
        return new WorkUnitAssignment(members, next);
    }
}
