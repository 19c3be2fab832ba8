package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The master's periodic broadcast (figure 8C): "the cluster member list, the adaptive keepalive
 * interval and the current set of work assignments".
 *
 * @param term the master's reign: members accept orders only from the (master, term) they joined
 * @param revision the assignment revision {@code assignments} reflects: a member drops a unit
 *     it has owned since that revision or an older one if the list gives it to someone else
 * @param configVersion the cluster's configuration version; a member with an older one exits,
 *     fetches the configuration and rejoins
 * @param members every member, the master included, in name order
 * @param lossTolerance the announced n: members send a keepalive every t / (n + 1)
 *     ({@link io.cohort.cluster.keepalive.AdaptiveInterval})
 * @param assignments the owner of every assigned unit, acknowledged or not (diagnostic in the
 *     patent; here also how members learn the cluster's distribution)
 */
public record MasterKeepalive(
        MemberId sender,
        long term,
        long revision,
        long configVersion,
        List<MemberEntry> members,
        int lossTolerance,
        SortedMap<WorkUnit, MemberId> assignments) implements ClusterMessage {
    public MasterKeepalive {
        members = List.copyOf(members);
        assignments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(assignments));
        Set<MemberId> ids = new HashSet<>();
        for (MemberEntry m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException(m.id() + " is listed twice");
            }
        }
        if (!ids.contains(sender)) {
            throw new IllegalArgumentException("the master " + sender + " is not in its member list");
        }
        if (lossTolerance < 1) {
            throw new IllegalArgumentException("loss tolerance n must be positive: " + lossTolerance);
        }
        for (Map.Entry<WorkUnit, MemberId> a : assignments.entrySet()) {
            if (!ids.contains(a.getValue())) {
                throw new IllegalArgumentException(a.getKey() + " is assigned to " + a.getValue() + ", not a member");
            }
        }
    }

    /** Whether {@code member} is in the member list. */
    public boolean lists(MemberId member) {
        return members.stream().anyMatch(m -> m.id().equals(member));
    }
}
