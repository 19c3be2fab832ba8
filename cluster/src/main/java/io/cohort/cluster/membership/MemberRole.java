package io.cohort.cluster.membership;

import io.cohort.cluster.keepalive.AdaptiveInterval;
import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.keepalive.Watchdog;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A member ("client") of a master's cluster (figure 6, 607; figures 8G–8I). It sends keepalives
 * with an increasing sequence number (the node's, {@link ClusterNode#nextKeepaliveSequence})
 * every t / (n + 1), n as the master announces (8H); its
 * watchdog on the master expires t after the last master keepalive and sends it back to joining
 * (8I, 611), as does an exit request from its master (609). On each master keepalive (8G) it
 * takes the announced n, tells its applications who left (895) and joined (898), and resets the
 * watchdog (899); if it is not in the list any more it rejoins, and if the cluster's configuration
 * is newer than its own it leaves to fetch it. "Any more": keepalives that do not list it before
 * the first that does were sent before its admission and overtaken by the JoinAck, and are
 * ignored for one watchdog timeout after the JoinAck; one that still does not list it after that
 * means the master dropped it before ever listing it (its watchdog fired on a loaded host), and
 * it rejoins rather than stay a member its master does not know.
 *
 * <p>Units: it takes an assign and gives up a unit on a de-assign, acknowledging both. An order
 * older (by the master's assignment revision) than the last one applied to the unit is ignored,
 * and a unit the master's keepalive gives to another member, or to none, is dropped when the
 * keepalive is at least as recent as the unit's assignment: so duplicated and reordered orders
 * cannot leave a unit owned twice for longer than a keepalive interval.
 *
 * <p>Change of master: when its watchdog expires, or its master tells it that it stepped down
 * (figure 8A), it rejoins keeping its units and the last assignment table
 * ({@link ClusterNode#rejoinKeeping}); every other way out gives its units up. A member that
 * starts with kept units owns them at once (no new "assigned" event) with a "since" older than
 * any revision: the new master's revisions start anew, so the first keepalive that does not give
 * such a unit to us drops it, whatever its revision; one the master confirms by an assign follows
 * the usual rules from that assign's revision on.
 */
final class MemberRole implements RoleState {
    private final ClusterNode node;
    private final MemberAddress masterAddress;
    private final MemberId master;
    private final long term;
    private final AdaptiveInterval interval;
    private final Watchdog watchdog;
    private final Map<WorkUnit, Long> owned = new TreeMap<>();
    private final Map<WorkUnit, Long> lastOrder = new HashMap<>();
    private final Map<MemberId, MemberAddress> peers = new TreeMap<>();
    /** Units de-assigned whose handover runs: their acknowledgement waits for it. */
    private final Set<WorkUnit> movingAway = new java.util.HashSet<>();
    private Timer watchdogTimer = Timer.NONE;
    private Timer keepaliveTimer = Timer.NONE;
    private int lossTolerance;
    private SortedMap<WorkUnit, MemberId> lastAssignments = new TreeMap<>();
    private boolean listed; // a keepalive of our master listed us: one that does not now means we were dropped
    private final long admitted; // when the JoinAck made us this master's member

    /** A kept unit's "since": not yet confirmed in this term, any keepalive may drop it. */
    static final long KEPT = Long.MIN_VALUE;

    MemberRole(ClusterNode node, MemberAddress masterAddress, MemberId master, long term, Set<WorkUnit> kept) {
        this.node = node;
        this.masterAddress = masterAddress;
        this.master = master;
        this.term = term;
        KeepalivePolicy policy = node.settings().keepalive();
        this.interval = new AdaptiveInterval(policy);
        this.watchdog = new Watchdog(policy.watchdogTimeout(), node.scheduler().nanos());
        this.admitted = node.scheduler().nanos();
        this.lossTolerance = interval.lossTolerance(policy.initialLoss());
        kept.forEach(unit -> owned.put(unit, KEPT));
    }

    void start() {
        peers.put(master, masterAddress);
        node.application().memberJoined(master);
        armWatchdog();
        node.periodicTimerDue(node.scheduler().nanos());
        sendKeepalive();
    }

    MemberId master() {
        return master;
    }

    MemberAddress masterAddress() {
        return masterAddress;
    }

    ClusterView view() {
        List<MemberEntry> list = new ArrayList<>();
        list.add(new MemberEntry(node.id(), node.settings().address()));
        peers.forEach((id, address) -> list.add(new MemberEntry(id, address)));
        list.sort(java.util.Comparator.comparing(MemberEntry::id));
        return new ClusterView(node.id(), Role.MEMBER, Optional.of(master), list, lossTolerance,
                interval.keepaliveInterval(lossTolerance), Map.of(), lastAssignments, new TreeSet<>(owned.keySet()),
                node.configVersion(), node.selfIfDraining());
    }

    Set<WorkUnit> owned() {
        return owned.keySet();
    }

    SortedSet<MemberId> memberIds() {
        SortedSet<MemberId> ids = new TreeSet<>(peers.keySet());
        ids.add(node.id());
        return ids;
    }

    @Override
    public void receive(MemberAddress from, ClusterMessage message) {
        if (!message.sender().equals(master)) {
            return; // other masters are the masters' business (figure 8A)
        }
        switch (message) {
            case MasterKeepalive k when k.term() == term -> masterKeepalive(from, k);
            case MasterKeepalive k when k.term() > term -> node.join(); // our master restarted or re-won: we are not its member
            case MasterKeepalive k -> { } // from an older term, overtaken
            case Assign a when a.term() == term && a.member().equals(node.id()) -> assign(a);
            case Deassign d when d.term() == term -> deassign(d);
            case Exit e when e.target().equals(node.id()) && e.reason() == ExitReason.STALE_CONFIGURATION ->
                    node.configurationStale(from, e.configVersion());
            case Exit e when e.target().equals(node.id()) && e.reason() == ExitReason.MASTER_STEPPED_DOWN -> {
                node.counters().counter("cluster.member.exit.master_stepped_down").increment();
                rejoinKeeping();
            }
            case Exit e when e.target().equals(node.id()) -> {
                node.counters().counter("cluster.member.exit." + e.reason().name().toLowerCase()).increment();
                node.join();
            }
            default -> { }
        }
    }

    private void masterKeepalive(MemberAddress from, MasterKeepalive k) {
        watchdog.reset(node.scheduler().nanos());
        KeepalivePolicy policy = node.settings().keepalive();
        lossTolerance = Math.clamp(k.lossTolerance(), policy.minLosses(), policy.maxLosses());
        if (k.configVersion() > node.configVersion()) {
            node.configurationStale(from, k.configVersion());
            return;
        }
        if (!k.lists(node.id())) {
            if (!listed && node.scheduler().nanos() - admitted <= policy.watchdogTimeout().toNanos()) {
                // sent before our admission, overtaken by the JoinAck (latencies vary): not about us
                node.counters().counter("cluster.member.keepalive_before_admission").increment();
                return;
            }
            node.counters().counter("cluster.member.dropped_from_list").increment();
            node.join();
            return;
        }
        listed = true;
        node.renewLeaseFromMaster();
        lastAssignments = k.assignments();
        Map<MemberId, MemberAddress> listed = new TreeMap<>();
        for (MemberEntry e : k.members()) {
            if (!e.id().equals(node.id())) {
                listed.put(e.id(), e.address());
            }
        }
        for (MemberId gone : Set.copyOf(peers.keySet())) {
            if (!listed.containsKey(gone)) {
                peers.remove(gone);
                node.application().memberLeft(gone);
            }
        }
        listed.forEach((id, address) -> {
            if (peers.put(id, address) == null) {
                node.application().memberJoined(id);
            }
        });
        SortedSet<WorkUnit> dropped = new TreeSet<>();
        owned.forEach((unit, since) -> {
            if (since <= k.revision() && !node.id().equals(k.assignments().get(unit))) {
                dropped.add(unit);
            }
        });
        if (!dropped.isEmpty()) {
            dropped.forEach(owned::remove);
            node.counters().counter("cluster.member.units_reconciled").add(dropped.size());
            node.application().unitsRevoked(dropped);
        }
    }

    private void assign(Assign a) {
        long last = lastOrder.getOrDefault(a.unit(), Long.MIN_VALUE);
        if (a.revision() < last || (a.revision() == last && !owned.containsKey(a.unit()))) {
            node.counters().counter("cluster.member.stale_order").increment();
            return;
        }
        lastOrder.put(a.unit(), a.revision());
        if (owned.put(a.unit(), a.revision()) == null) {
            node.application().unitsAssigned(Set.of(a.unit()));
        }
        node.output().unicast(masterAddress, new AssignAck(node.id(), term, a.revision(), a.unit()));
    }

    /**
     * A unit moves away: the application stops serving it and hands its state over, and only
     * then is the move acknowledged (the master gives the unit to its next owner on the
     * acknowledgement). A repeated order while the handover runs is answered when it completes.
     */
    private void deassign(Deassign d) {
        long last = lastOrder.getOrDefault(d.unit(), Long.MIN_VALUE);
        if (d.revision() < last) {
            node.counters().counter("cluster.member.stale_order").increment();
            return;
        }
        lastOrder.put(d.unit(), d.revision());
        if (owned.remove(d.unit()) != null) {
            movingAway.add(d.unit());
            long started = node.scheduler().nanos();
            var handover = node.application().unitsMovedAway(Set.of(d.unit())).toCompletableFuture();
            if (handover.isDone()) {
                movedAway(d.unit(), started);
            } else {
                handover.whenComplete((ignored, failure) ->
                        node.scheduler().schedule(Duration.ZERO, () -> movedAway(d.unit(), started)));
            }
            return;
        }
        if (!movingAway.contains(d.unit())) {
            node.output().unicast(masterAddress, new DeassignAck(node.id(), term, d.revision(), d.unit()));
        }
    }

    private void movedAway(WorkUnit unit, long started) {
        if (!node.isCurrent(this) || !movingAway.remove(unit)) {
            return;
        }
        node.counters().counter("cluster.member.moved_away").increment();
        node.counters().counter("cluster.member.move_away_nanos").add(node.scheduler().nanos() - started);
        node.output().unicast(masterAddress, new DeassignAck(node.id(), term, lastOrder.get(unit), unit));
    }

    private void sendKeepalive() {
        if (node.late(node.periodicTimerLateness())) {
            node.counters().counter("cluster.loop.late_keepalive").increment();
        }
        SortedSet<WorkUnit> busy = new TreeSet<>();
        for (WorkUnit unit : owned.keySet()) {
            if (node.application().unitBusy(unit)) {
                busy.add(unit);
            }
        }
        node.output().unicast(masterAddress, new MemberKeepalive(node.id(), term, node.nextKeepaliveSequence(), busy,
                node.draining(), !node.application().readyToTakeOver()));
        Duration next = interval.keepaliveInterval(lossTolerance);
        keepaliveTimer = schedule(next, this::sendKeepalive);
        node.periodicTimerDue(node.scheduler().nanos() + next.toNanos());
    }

    /**
     * Figure 8I, with one allowance: a watchdog timer that runs late (this thread was not running)
     * checks once more after the loop tolerance, so that master keepalives waiting unread in the
     * socket buffer are read first; a master that is silent stays lost.
     */
    private void armWatchdog() {
        long due = watchdog.deadline() + 1;
        watchdogTimer = schedule(Duration.ofNanos(due - node.scheduler().nanos()), () -> {
            long now = node.scheduler().nanos();
            if (!watchdog.expired(now)) {
                armWatchdog();
            } else if (node.late(now - due)) {
                node.counters().counter("cluster.member.watchdog_rechecked").increment();
                watchdogTimer = schedule(node.settings().fencing().loopTolerance(
                        node.settings().keepalive().watchdogTimeout()), this::watchdogRecheck);
            } else {
                masterLost();
            }
        });
    }

    private void watchdogRecheck() {
        if (watchdog.expired(node.scheduler().nanos())) {
            masterLost();
        } else {
            armWatchdog();
        }
    }

    private void masterLost() {
        node.counters().counter("cluster.member.master_lost").increment();
        rejoinKeeping(); // figure 8I
    }

    /** Rejoins keeping our units and the last assignment table: the master changes. */
    private void rejoinKeeping() {
        SortedSet<WorkUnit> units = new TreeSet<>(owned.keySet());
        owned.clear();
        node.rejoinKeeping(units, lastAssignments, master);
    }

    @Override
    public void close() {
        watchdogTimer.cancel();
        keepaliveTimer.cancel();
        if (!owned.isEmpty()) {
            SortedSet<WorkUnit> units = new TreeSet<>(owned.keySet());
            owned.clear();
            node.application().unitsRevoked(units);
        }
        peers.keySet().forEach(node.application()::memberLeft);
        peers.clear();
    }

    private Timer schedule(Duration delay, Runnable task) {
        return node.scheduler().schedule(delay, () -> {
            if (node.isCurrent(this)) {
                task.run();
            }
        });
    }
}
