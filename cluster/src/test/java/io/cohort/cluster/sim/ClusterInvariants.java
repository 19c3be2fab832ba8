package io.cohort.cluster.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a cluster must satisfy, sampled as a simulation runs.
 *
 * <ul>
 *   <li>Always, while the network is not partitioned: no unit owned by two running members for
 *       longer than {@link #DUPLICATE_BOUND} (a partition restarts the clock at its heal); and no
 *       unit served (owned under a valid lease) by two running nodes but while two masters exist,
 *       or for up to {@link #servedTwiceAfterSettledNanos} after the last time they did or the
 *       network was partitioned: whatever the loss, the lease bounds how long a member of a master
 *       that stepped down, or died across a partition, goes on serving its units unless told.
 *       How long two masters exist is measured, not bounded ({@link MasterOverlap}): it ends with
 *       the first keepalive of either that reaches the other (figure 8A).
 *   <li>Once {@link #requireConverged} was called: exactly one master; every other running node
 *       a member of it; its member list is the running nodes; no unit owned twice; and no
 *       demanded unit without an owner for longer than {@link #UNOWNED_BOUND} (a rebalance move
 *       leaves a unit ownerless between the de-assign and the assign's acknowledgment).
 * </ul>
 */
final class ClusterInvariants {
    static final Duration DUPLICATE_BOUND = Duration.ofSeconds(1);
    static final Duration UNOWNED_BOUND = Duration.ofMillis(500);
    /** The sampling period of the simulations that use these invariants: a served-twice episode lasts at least one. */
    private static final long SAMPLE_NANOS = Duration.ofMillis(10).toNanos();
    /** The longest a datagram travels in the fault scenarios: 0.5 ms, 1 ms of jitter, up to 20 ms held back to reorder it. */
    private static final long LONGEST_DELIVERY_NANOS = Duration.ofMillis(22).toNanos();

    private final SimCluster cluster;
    private final List<WorkUnit> demanded;
    private final Map<WorkUnit, Long> duplicateSince = new HashMap<>();
    private final Map<WorkUnit, Long> unownedSince = new HashMap<>();
    private final Map<WorkUnit, Long> servedTwiceSince = new HashMap<>();
    private final Map<MemberId, Role> roles = new HashMap<>();
    private final MasterOverlap masters;
    private final long leaseNanos;
    private boolean converged;
    private long longestDuplicate;
    private long longestServedTwice;
    private long lastUnsettled = Long.MIN_VALUE / 2; // when two masters existed, or the network was partitioned, last

    /**
     * Watches {@code cluster}, which must not be started yet: the role of each node is followed
     * through its applications, so that even two masters for less than a sample count. The
     * members' {@code lease} bounds how long a unit is served twice after that.
     */
    ClusterInvariants(SimCluster cluster, List<WorkUnit> demanded, Duration lease) {
        this.cluster = cluster;
        this.demanded = demanded;
        this.masters = new MasterOverlap(cluster);
        this.leaseNanos = lease.toNanos();
        cluster.applications(slot -> new ClusterApplication() {
            @Override
            public void roleChanged(Role role) {
                boolean before = twoMasters();
                roles.put(slot.id(), role);
                if (before || twoMasters()) {
                    lastUnsettled = cluster.scheduler().nanos();
                }
            }
        });
    }

    private boolean twoMasters() {
        return roles.values().stream().filter(r -> r == Role.MASTER).count() > 1;
    }

    /**
     * How long after two masters last existed, or the network was last partitioned, a unit may
     * still be served twice: a member's lease runs from the last keepalive of its master, which
     * may arrive that much after it was sent, and the sample that sees it may come a sample later.
     */
    long servedTwiceAfterSettledNanos() {
        return leaseNanos + LONGEST_DELIVERY_NANOS + SAMPLE_NANOS;
    }

    /** The longest two masters served at once while the network was whole ({@link MasterOverlap}). */
    long longestTwoMastersNanos() {
        return masters.longestNanos();
    }

    void requireConverged() {
        converged = true;
        unownedSince.clear();
    }

    /** Whether the cluster is converged now (without failing). */
    boolean convergedNow() {
        try {
            checkStructure();
            return owners().values().stream().allMatch(o -> o.size() == 1)
                    && owners().keySet().containsAll(demanded);
        } catch (AssertionError e) {
            return false;
        }
    }

    long longestDuplicateNanos() {
        return longestDuplicate;
    }

    /**
     * The longest a unit was served (owned under a valid lease) by two running nodes while the
     * network was whole: after a partition heals, until the tie-breaker settles which master stays.
     */
    long longestServedTwiceNanos() {
        return longestServedTwice;
    }

    void sample() {
        long now = cluster.scheduler().nanos();
        Map<WorkUnit, Set<MemberId>> owners = owners();
        if (cluster.network().partitioned() || twoMasters()) {
            lastUnsettled = now;
        }
        if (cluster.network().partitioned()) {
            duplicateSince.clear();
            servedTwiceSince.clear();
            masters.interrupt();
        } else {
            masters.sample();
            Map<WorkUnit, Set<MemberId>> served = new HashMap<>();
            for (ClusterNode node : cluster.running()) {
                node.servedUnits().forEach(u -> served.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
            }
            servedTwiceSince.keySet().removeIf(u -> served.getOrDefault(u, Set.of()).size() < 2);
            served.forEach((unit, who) -> {
                if (who.size() > 1) {
                    if (now - lastUnsettled > servedTwiceAfterSettledNanos()) {
                        throw new AssertionError(unit + " served by " + who + " at " + now / 1e9 + " s, "
                                + (now - lastUnsettled) / 1e6 + " ms after two masters or a partition last");
                    }
                    long since = servedTwiceSince.computeIfAbsent(unit, u -> now);
                    longestServedTwice = Math.max(longestServedTwice, now - since + SAMPLE_NANOS);
                }
            });
            duplicateSince.keySet().removeIf(u -> owners.getOrDefault(u, Set.of()).size() < 2);
            owners.forEach((unit, who) -> {
                if (who.size() > 1) {
                    long since = duplicateSince.computeIfAbsent(unit, u -> now);
                    longestDuplicate = Math.max(longestDuplicate, now - since);
                    if (now - since > DUPLICATE_BOUND.toNanos()) {
                        throw new AssertionError(unit + " owned by " + who + " since " + since / 1e9 + " s");
                    }
                }
            });
        }
        if (!converged) {
            return;
        }
        checkStructure();
        owners.forEach((unit, who) -> {
            if (who.size() > 1) {
                throw new AssertionError("after convergence, " + unit + " is owned by " + who);
            }
        });
        for (WorkUnit unit : demanded) {
            if (owners.containsKey(unit)) {
                unownedSince.remove(unit);
            } else if (now - unownedSince.computeIfAbsent(unit, u -> now) > UNOWNED_BOUND.toNanos()) {
                throw new AssertionError("after convergence, " + unit + " has had no owner since "
                        + unownedSince.get(unit) / 1e9 + " s");
            }
        }
    }

    private void checkStructure() {
        List<ClusterNode> running = cluster.running();
        List<ClusterNode> masters = running.stream().filter(n -> n.role() == Role.MASTER).toList();
        if (masters.size() != 1) {
            throw new AssertionError("masters: " + masters.stream().map(ClusterNode::id).toList() + "; roles "
                    + running.stream().map(n -> n.id() + "=" + n.role()).toList());
        }
        MemberId master = masters.getFirst().id();
        Set<MemberId> ids = running.stream().map(ClusterNode::id).collect(Collectors.toCollection(TreeSet::new));
        for (ClusterNode node : running) {
            if (!node.master().orElse(master).equals(master) || node.role() != Role.MASTER && node.role() != Role.MEMBER) {
                throw new AssertionError(node.id() + " is " + node.role() + " of " + node.master() + ", not of " + master);
            }
            if (!node.members().equals(ids)) {
                throw new AssertionError(node.id() + " sees members " + node.members() + ", running are " + ids);
            }
        }
    }

    private Map<WorkUnit, Set<MemberId>> owners() {
        Map<WorkUnit, Set<MemberId>> owners = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            for (WorkUnit unit : node.ownedUnits()) {
                owners.computeIfAbsent(unit, u -> new TreeSet<>()).add(node.id());
            }
        }
        return owners;
    }
}
