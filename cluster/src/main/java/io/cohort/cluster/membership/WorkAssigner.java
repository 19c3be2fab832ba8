package io.cohort.cluster.membership;

import io.cohort.cluster.balance.LoadBalancer;
import io.cohort.cluster.balance.UnitMove;
import io.cohort.cluster.balance.WorkUnitAssignment;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The master's work units (figures 8D, 8E and 9). A packet for an unassigned unit assigns it to
 * the least loaded member (937) and is held, with any that follow, until the member acknowledges
 * (941); then they are delivered (943). An assign or de-assign unanswered is repeated after
 * {@code assignRetry}, then after twice as long each time up to t ({@link #retryDelay}),
 * {@code assignAttempts} times in all, then the unit returns to the pool
 * ({@link #toPool}: out again at once, to another member, if it must have an owner).
 * Every {@code rebalancePeriod} one unit moves from the most to the least loaded member
 * ({@link LoadBalancer#nextMove}): de-assign from the first, then, once it acknowledged, assign to
 * the second (863); nothing moves while another unit is in flight. A dead member's units are all
 * reassigned at once (8E; DESIGN.md: "the master reassigns its work units"), in unit order, each
 * to the then least loaded remaining member, so that they spread evenly. The patent's "as the
 * next message arrives" would leave a unit ownerless, and the dead member's sessions unserved,
 * until a packet happens to come, and in the steering modes where every member's filter needs an
 * owner for each unit there is no such packet. A member that restarts and joins again counts as
 * gone: its units go to the others, and it gets units back by rebalancing or demand, as any new
 * member does.
 *
 * <p>With {@link NodeSettings#assignAllUnits()}, the pool is assigned the same way once the
 * master's first members are in ({@link MasterRole}: no join for a join timeout), and again at
 * every rebalance tick (any unit still unowned) before any move is considered.
 *
 * <p>After a change of master, {@link #inherit} takes the units this node kept as a member as its
 * own and reserves the other members' units of the old master's table: a member that joins gets
 * its reserved units by assigns at once ({@link #adopt}; it still holds them and only
 * acknowledges), the pool spread leaves them alone, and a packet for one assigns it as for any
 * unowned unit. The reservation ends with the grace ({@link #inheritanceOver}), which spreads
 * what is left with {@code assignAllUnits}.
 *
 * <p>Each decision takes a new revision number, carried by the order and by the master keepalive,
 * so that members can discard stale orders ({@link MemberRole}).
 */
final class WorkAssigner {
    /**
     * Orders (assign or de-assign) sent and not yet answered, at most. More wait their turn. A
     * spread of all 1024 units would otherwise be a burst of a thousand sealed datagrams, and on a
     * slow member (a cold JVM) a retry of all of them every {@code assignRetry}: with real
     * processes that starved the master's keepalives until every member's watchdog expired.
     */
    static final int MAX_IN_FLIGHT = 64;

    /** FENCED: its owner went silent; it waits for the owner's lease to run out ({@link #fence}). */
    private enum Phase { ASSIGNING, ASSIGNED, DEASSIGNING, FENCED }

    private static final class Slot {
        final MemberId owner;
        Phase phase;
        long revision;
        MemberId moveTarget;
        int attempts;
        boolean sent; // its order went out and is not answered yet: it counts in flight
        boolean queued; // waiting its turn: in the queue at most once
        Timer retry = Timer.NONE;

        Slot(MemberId owner, Phase phase, long revision) {
            this.owner = owner;
            this.phase = phase;
            this.revision = revision;
        }
    }

    private final MasterRole master;
    private final ClusterNode node;
    private final Counters counters;
    private final SortedMap<WorkUnit, Slot> slots = new TreeMap<>();
    private final Map<WorkUnit, List<Object>> held = new HashMap<>();
    /** A slot waiting for its order to go out (the slot, not the unit: a unit's slot may be replaced meanwhile). */
    private record Queued(WorkUnit unit, Slot slot) {}

    private final ArrayDeque<Queued> waiting = new ArrayDeque<>();
    /** Who answered an order, under which revision (revisions are never reused). */
    private record Answer(MemberId member, long revision) {}

    /** The last assign answered for each unit, and the last de-assign: to tell repeated answers from stale ones. */
    private final Map<WorkUnit, Answer> answeredAssigns = new HashMap<>();
    private final Map<WorkUnit, Answer> answeredDeassigns = new HashMap<>();
    private final SortedMap<WorkUnit, MemberId> reserved = new TreeMap<>();
    private int inFlight;
    private long revision;
    /**
     * The table {@link #assignments()} last built (unmodifiable), until a slot is added or removed
     * (an owner never changes within a slot): the master keepalive carries it every t / (n + 1),
     * so it is not rebuilt from 1024 slots each time.
     */
    private SortedMap<WorkUnit, MemberId> published;
    /**
     * The table {@link #acknowledgedOwners()} last built, until a slot or a phase changes: read by
     * the steering layer many times a second, so not rebuilt each time either.
     */
    private SortedMap<WorkUnit, MemberId> acknowledged;

    WorkAssigner(MasterRole master, ClusterNode node) {
        this.master = master;
        this.node = node;
        this.counters = node.counters();
    }

    DemandOutcome demand(WorkUnit unit, Object packet) {
        Slot slot = slots.get(unit);
        if (slot != null && slot.phase == Phase.ASSIGNED) {
            node.output().deliver(master.entry(slot.owner), unit, packet);
            return DemandOutcome.DELIVERED;
        }
        List<Object> packets = held.computeIfAbsent(unit, u -> new ArrayList<>());
        if (packets.size() >= node.settings().maxHeldPackets()) {
            counters.counter("cluster.assign.held_dropped").increment();
            return DemandOutcome.DROPPED_HOLD_FULL;
        }
        packets.add(packet);
        if (slot == null) {
            reserved.remove(unit);
            assign(unit, leastLoaded());
        }
        return DemandOutcome.HELD;
    }

    long revision() {
        return revision;
    }

    /** Every unit with an owner, acknowledged or not: what the master keepalive carries. */
    SortedMap<WorkUnit, MemberId> assignments() {
        if (published == null) {
            SortedMap<WorkUnit, MemberId> out = new TreeMap<>();
            slots.forEach((unit, slot) -> {
                if (slot.phase != Phase.FENCED) { // its owner is off the member list
                    out.put(unit, slot.owner);
                }
            });
            published = Collections.unmodifiableSortedMap(out);
        }
        return published;
    }

    /**
     * The units whose owner has acknowledged them, and that owner: where packets of the unit go
     * (figure 9, 943). A unit being moved stays with its old owner until it acknowledges the
     * de-assign; a unit being assigned is absent, and its packets are {@linkplain #demand held}.
     */
    SortedMap<WorkUnit, MemberId> acknowledgedOwners() {
        if (acknowledged == null) {
            SortedMap<WorkUnit, MemberId> out = new TreeMap<>();
            slots.forEach((unit, slot) -> {
                if (slot.phase != Phase.ASSIGNING && slot.phase != Phase.FENCED) {
                    out.put(unit, slot.owner);
                }
            });
            acknowledged = Collections.unmodifiableSortedMap(out);
        }
        return acknowledged;
    }

    /** Every change of {@link #slots} goes through here or {@link #removeSlot}, so the published tables stay true. */
    private void putSlot(WorkUnit unit, Slot slot) {
        slots.put(unit, slot);
        tablesChanged();
    }

    private Slot removeSlot(WorkUnit unit) {
        tablesChanged();
        return slots.remove(unit);
    }

    private void tablesChanged() {
        published = null;
        acknowledged = null;
    }

    SortedSet<WorkUnit> ownedBySelf() {
        SortedSet<WorkUnit> out = new TreeSet<>();
        slots.forEach((unit, slot) -> {
            if (slot.owner.equals(node.id()) && slot.phase == Phase.ASSIGNED) {
                out.add(unit);
            }
        });
        return out;
    }

    void assignAcked(MemberId member, long ackRevision, WorkUnit unit) {
        Slot slot = slots.get(unit);
        if (slot == null || slot.phase != Phase.ASSIGNING || !slot.owner.equals(member) || slot.revision != ackRevision) {
            unexpectedAck(answeredAssigns, member, ackRevision, unit);
            return;
        }
        acknowledged(unit, slot);
    }

    void deassignAcked(MemberId member, long ackRevision, WorkUnit unit) {
        Slot slot = slots.get(unit);
        if (slot == null || slot.phase != Phase.DEASSIGNING || !slot.owner.equals(member) || slot.revision != ackRevision) {
            unexpectedAck(answeredDeassigns, member, ackRevision, unit);
            return;
        }
        answeredDeassigns.put(unit, new Answer(member, ackRevision));
        finishMove(unit, slot);
    }

    /**
     * An acknowledgment we no longer wait for. Either it answers the order already answered, a
     * repetition of it having crossed the first answer (an order unanswered for
     * {@code assignRetry} goes again, and a member busier than that answers each copy):
     * {@code cluster.assign.duplicate_ack}, expected whenever orders are repeated. Or it answers
     * an order since replaced (the unit moved, was reissued or returned to the pool, its member
     * left): {@code cluster.assign.stale_ack}.
     */
    private void unexpectedAck(Map<WorkUnit, Answer> answered, MemberId member, long ackRevision, WorkUnit unit) {
        boolean duplicate = new Answer(member, ackRevision).equals(answered.get(unit));
        counters.counter(duplicate ? "cluster.assign.duplicate_ack" : "cluster.assign.stale_ack").increment();
    }

    /**
     * A new master's start after a change of master: {@code own} (units this node kept) are its
     * own at once, without an "assigned" event (it never stopped owning them); {@code table} (the
     * other members' units as the old master announced them) is reserved for those members.
     */
    void inherit(SortedSet<WorkUnit> own, SortedMap<WorkUnit, MemberId> table) {
        for (WorkUnit unit : own) {
            putSlot(unit, new Slot(node.id(), Phase.ASSIGNED, ++revision));
        }
        counters.counter("cluster.assign.inherited").add(own.size());
        table.forEach((unit, owner) -> {
            if (!slots.containsKey(unit)) {
                reserved.put(unit, owner);
            }
        });
    }

    /** {@code member} was admitted: its reserved units are assigned to it (it still holds them). */
    void adopt(MemberId member) {
        List<WorkUnit> units = new ArrayList<>();
        reserved.forEach((unit, owner) -> {
            if (owner.equals(member)) {
                units.add(unit);
            }
        });
        units.forEach(reserved::remove);
        counters.counter("cluster.assign.adopted").add(units.size());
        for (WorkUnit unit : units) {
            if (!slots.containsKey(unit)) {
                assign(unit, member);
            }
        }
    }

    /** Whether some units are still reserved for members of the old master that have not joined. */
    boolean hasReservations() {
        return !reserved.isEmpty();
    }

    /** The grace is over: what is still reserved joins the pool (spread at once with assignAllUnits). */
    void inheritanceOver() {
        boolean any = !reserved.isEmpty();
        reserved.clear();
        if (any && node.settings().assignAllUnits()) {
            assignPool();
        }
    }

    /** Whether none of {@code member}'s units is acknowledged: every one is still being assigned. */
    boolean onlyUnacknowledged(MemberId member) {
        return slots.values().stream().filter(s -> s.owner.equals(member)).allMatch(s -> s.phase == Phase.ASSIGNING);
    }

    /**
     * Sends {@code member}'s assigns again under new revisions, with all their attempts: an
     * acknowledgment of an earlier one, still on its way from a role the member has left since,
     * is stale then.
     */
    void reissue(MemberId member) {
        List<WorkUnit> units = new ArrayList<>();
        slots.forEach((unit, slot) -> {
            if (slot.owner.equals(member) && slot.phase == Phase.ASSIGNING) {
                units.add(unit);
            }
        });
        for (WorkUnit unit : units) {
            Slot slot = slots.get(unit);
            settle(slot);
            slot.revision = ++revision;
            slot.attempts = 0;
            dispatch(unit);
        }
    }

    /**
     * The master is leaving after losing the tie-breaker and keeps its own units: they leave
     * the table without an event, so that {@link #close} does not revoke them.
     */
    SortedSet<WorkUnit> handOverOwn() {
        SortedSet<WorkUnit> mine = ownedBySelf();
        mine.forEach(unit -> settle(removeSlot(unit)));
        return mine;
    }

    /**
     * Assigns every unowned unit, each to the then least loaded member, in unit order; units
     * reserved for a member of the old master that has not joined yet are left alone.
     */
    void assignPool() {
        List<WorkUnit> pool = new ArrayList<>();
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            if (!slots.containsKey(WorkUnit.of(u)) && !reserved.containsKey(WorkUnit.of(u))) {
                pool.add(WorkUnit.of(u));
            }
        }
        assignEach(pool, master.assignableIds());
    }

    /**
     * Moves empty units (no application on their owner calls them busy) at once and in bulk from
     * the most to the least loaded members until loads differ by at most one or the most loaded
     * member has no empty unit left: a member that joins gets its share at once, not one unit per
     * rebalance period. Busy units stay for {@link #rebalance}'s one move per period. Nothing moves
     * while units are reserved for the members of an old master (a change of master in progress).
     * Each move is the usual de-assign, acknowledgment, assign; at most {@link #MAX_IN_FLIGHT}
     * orders are out at a time.
     */
    void moveEmptyUnits(BiPredicate<MemberId, WorkUnit> busy) {
        SortedSet<MemberId> members = master.assignableIds();
        if (members.size() < 2 || !reserved.isEmpty()) {
            return;
        }
        SortedMap<MemberId, Integer> loads = new TreeMap<>();
        members.forEach(m -> loads.put(m, 0));
        Map<MemberId, List<WorkUnit>> empty = new HashMap<>();
        slots.forEach((unit, slot) -> {
            MemberId holder = slot.phase == Phase.DEASSIGNING ? slot.moveTarget : slot.owner;
            loads.computeIfPresent(holder, (m, n) -> n + 1);
            if (slot.phase == Phase.ASSIGNED && members.contains(slot.owner) && !busy.test(slot.owner, unit)) {
                empty.computeIfAbsent(slot.owner, m -> new ArrayList<>()).add(unit);
            }
        });
        Comparator<Map.Entry<MemberId, Integer>> byLoad =
                Map.Entry.<MemberId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey());
        int moved = 0;
        while (true) {
            MemberId least = loads.entrySet().stream().min(byLoad).orElseThrow().getKey();
            MemberId most = loads.entrySet().stream()
                    .filter(e -> !empty.getOrDefault(e.getKey(), List.of()).isEmpty())
                    .max(byLoad).map(Map.Entry::getKey).orElse(null);
            if (most == null || loads.get(most) - loads.get(least) <= 1) {
                break;
            }
            WorkUnit unit = empty.get(most).removeLast();
            loads.merge(most, -1, Integer::sum);
            loads.merge(least, 1, Integer::sum);
            startMove(unit, slots.get(unit), most, least);
            moved++;
        }
        counters.counter("cluster.assign.bulk_moves").add(moved);
    }

    /**
     * Moves every assigned unit of the members being drained ({@code cohort drain}) to the least
     * loaded of the others, live (each a de-assignment whose acknowledgement waits for the unit's
     * state to be handed over, then an assignment), at most {@link #MAX_IN_FLIGHT} orders out at a
     * time, the units carrying sessions first. Units still being assigned wait for the next call
     * (each rebalance tick calls it).
     */
    void drainStep() {
        SortedSet<MemberId> draining = master.drainingIds();
        SortedSet<MemberId> targets = master.memberIds();
        targets.removeAll(draining);
        if (draining.isEmpty() || targets.isEmpty() || !reserved.isEmpty()) {
            return;
        }
        SortedMap<MemberId, Integer> loads = new TreeMap<>();
        targets.forEach(m -> loads.put(m, 0));
        List<WorkUnit> leaving = new ArrayList<>();
        slots.forEach((unit, slot) -> {
            MemberId holder = slot.phase == Phase.DEASSIGNING ? slot.moveTarget : slot.owner;
            loads.computeIfPresent(holder, (m, n) -> n + 1);
            if (slot.phase == Phase.ASSIGNED && draining.contains(slot.owner)) {
                leaving.add(unit);
            }
        });
        // units with sessions first: their sessions wait for their moves, empty units for nobody
        leaving.sort(Comparator.comparing((WorkUnit unit) -> !master.busy(slots.get(unit).owner, unit)));
        for (WorkUnit unit : leaving) {
            MemberId least = loads.entrySet().stream()
                    .min(Map.Entry.<MemberId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey();
            loads.merge(least, 1, Integer::sum);
            Slot slot = slots.get(unit);
            startMove(unit, slot, slot.owner, least);
        }
        counters.counter("cluster.assign.drain_moves").add(leaving.size());
    }

    /**
     * De-assigns {@code unit} from {@code from} for {@code to}. The master's own unit is handed
     * over as a member's is ({@link ClusterApplication#unitsMovedAway}) before it is assigned on.
     */
    private void startMove(WorkUnit unit, Slot slot, MemberId from, MemberId to) {
        slot.phase = Phase.DEASSIGNING;
        slot.revision = ++revision;
        slot.moveTarget = to;
        if (from.equals(node.id())) {
            var handover = node.application().unitsMovedAway(Set.of(unit)).toCompletableFuture();
            if (handover.isDone()) {
                finishMove(unit, slot);
            } else {
                // Completed on the protocol's or replication's thread: back onto the cluster loop
                // through the scheduler first (the master's own timers are the loop's alone).
                handover.whenComplete((ignored, failure) -> node.scheduler().schedule(Duration.ZERO,
                        () -> master.schedule(Duration.ZERO, () -> {
                            if (slots.get(unit) == slot && slot.phase == Phase.DEASSIGNING) {
                                finishMove(unit, slot);
                            }
                        })));
            }
        } else {
            dispatch(unit);
        }
    }

    /**
     * Figure 8D: one move, if it helps and nothing else is in flight; with
     * {@link NodeSettings#assignAllUnits()}, the pool is emptied first (so this tick moves nothing
     * if the pool was not empty).
     */
    void rebalance() {
        if (node.settings().assignAllUnits()) {
            assignPool();
        }
        if (slots.values().stream().anyMatch(s -> s.phase != Phase.ASSIGNED)) {
            return;
        }
        Optional<UnitMove> move = LoadBalancer.nextMove(assignableAssignment());
        if (move.isEmpty()) {
            return;
        }
        UnitMove m = move.get();
        counters.counter("cluster.assign.moves").increment();
        startMove(m.unit(), slots.get(m.unit()), m.from(), m.to());
    }

    /**
     * Figure 8E with fencing: the watchdog on {@code member} expired. It is off the member list
     * already, so our keepalives no longer renew its lease; it may still serve its units until that
     * lease runs out (it may be paused, or cut off from us only). Its units, with any order in
     * flight to it, are fenced: left out of the published table, their packets held, and after
     * lease + margin ({@link FencingPolicy#reassignmentDelay}) each goes to the then least loaded
     * member other than the silent one, as {@link #memberGone} does at once. Not back to it even if
     * it joined again meanwhile: it let its units go (a paused member steps down, a restarted one
     * has nothing), and the others hold the state it replicated.
     */
    void fence(MemberId member) {
        Map<WorkUnit, Slot> fenced = new TreeMap<>();
        slots.forEach((unit, slot) -> {
            if (slot.owner.equals(member) && slot.phase != Phase.FENCED) {
                fenced.put(unit, slot);
            }
        });
        if (fenced.isEmpty()) {
            return;
        }
        fenced.values().forEach(slot -> slot.phase = Phase.FENCED);
        fenced.values().forEach(this::settle); // only now: settling sends waiting orders, none may be the silent member's
        tablesChanged();
        revision++;
        counters.counter("cluster.assign.fenced").add(fenced.size());
        master.schedule(node.settings().fencing().reassignmentDelay(node.settings().keepalive()),
                () -> fenceOver(member, fenced));
    }

    private void fenceOver(MemberId member, Map<WorkUnit, Slot> fenced) {
        List<WorkUnit> freed = new ArrayList<>();
        fenced.forEach((unit, slot) -> {
            if (slots.get(unit) == slot) {
                freed.add(unit);
                removeSlot(unit);
            }
        });
        revision++;
        counters.counter("cluster.assign.reassigned").add(freed.size());
        assignEach(freed, successorsOf(member));
    }

    /**
     * Figure 8E: {@code member} is gone and knows it (it joined again): each of its units goes at
     * once to another member. Units fenced since it went silent wait for their own timer.
     */
    void memberGone(MemberId member) {
        List<WorkUnit> freed = new ArrayList<>();
        slots.forEach((unit, slot) -> {
            if (slot.owner.equals(member) && slot.phase != Phase.FENCED) {
                freed.add(unit);
            }
        });
        List<Slot> removed = new ArrayList<>();
        freed.forEach(unit -> removed.add(removeSlot(unit)));
        removed.forEach(this::settle); // only now: settling sends waiting orders, none may be the dead member's
        revision++;
        counters.counter("cluster.assign.reassigned").add(freed.size());
        assignEach(freed, successorsOf(member));
    }

    /**
     * Who may take over the units of {@code member}, gone or silent: the members ready to (holding
     * what the others replicated) that are not being drained, else any that is not being drained,
     * else any; never {@code member} itself while there is another.
     */
    private SortedSet<MemberId> successorsOf(MemberId member) {
        for (SortedSet<MemberId> candidates : List.of(master.takeoverIds(), master.assignableIds(), master.memberIds())) {
            candidates.remove(member);
            if (!candidates.isEmpty()) {
                return candidates;
            }
        }
        return master.memberIds();
    }

    /** Gives up everything: the master is leaving its role. */
    void close() {
        slots.values().forEach(this::settle);
        waiting.clear();
        reserved.clear();
        SortedSet<WorkUnit> mine = ownedBySelf();
        slots.clear();
        answeredAssigns.clear();
        answeredDeassigns.clear();
        tablesChanged();
        counters.counter("cluster.assign.held_dropped").add(held.values().stream().mapToLong(List::size).sum());
        held.clear();
        if (!mine.isEmpty()) {
            node.application().unitsRevoked(mine);
        }
    }

    private void assign(WorkUnit unit, MemberId member) {
        Slot slot = new Slot(member, Phase.ASSIGNING, ++revision);
        putSlot(unit, slot);
        counters.counter("cluster.assign.assigned").increment();
        if (member.equals(node.id())) {
            node.application().unitsAssigned(Set.of(unit));
            acknowledged(unit, slot);
        } else {
            dispatch(unit);
        }
    }

    /** Queues the order of {@code unit}'s slot; it goes out when fewer than {@link #MAX_IN_FLIGHT} are. */
    private void dispatch(WorkUnit unit) {
        Slot slot = slots.get(unit);
        if (!slot.queued) {
            slot.queued = true;
            waiting.add(new Queued(unit, slot));
        }
        drain();
    }

    /**
     * Sends waiting orders while fewer than {@link #MAX_IN_FLIGHT} are in flight. A slot is queued
     * at most once, and an entry whose slot was replaced, answered or sent meanwhile is skipped:
     * otherwise a second entry of a unit, polled by the {@link #settle} of its own acknowledgment,
     * would send the order again and leave a retry behind, which would later send a de-assign
     * for a unit that is assigned.
     */
    private void drain() {
        while (inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            Queued next = waiting.poll();
            Slot slot = next.slot();
            slot.queued = false;
            if (slots.get(next.unit()) != slot || slot.phase == Phase.ASSIGNED || slot.phase == Phase.FENCED || slot.sent) {
                continue; // answered, given up, fenced or reassigned meanwhile
            }
            slot.sent = true;
            inFlight++;
            send(next.unit(), slot);
        }
    }

    /** {@code slot}'s order is answered or abandoned: no retry, and a place in flight for the next. */
    private void settle(Slot slot) {
        slot.retry.cancel();
        if (slot.sent) {
            slot.sent = false;
            inFlight--;
            drain();
        }
    }

    private void acknowledged(WorkUnit unit, Slot slot) {
        answeredAssigns.put(unit, new Answer(slot.owner, slot.revision));
        slot.phase = Phase.ASSIGNED; // first: the settle's drain must not send this slot's order again
        acknowledged = null;
        settle(slot);
        List<Object> packets = held.remove(unit);
        if (packets != null) {
            MemberEntry owner = master.entry(slot.owner);
            packets.forEach(p -> node.output().deliver(owner, unit, p));
        }
    }

    private void finishMove(WorkUnit unit, Slot slot) {
        removeSlot(unit); // first: the settle's drain must not send this slot's order again
        settle(slot);
        MemberId target = master.assignableIds().contains(slot.moveTarget) ? slot.moveTarget : leastLoaded();
        assign(unit, target);
    }

    /**
     * {@code unit}'s order went unanswered {@code assignAttempts} times: the unit returns to the
     * pool. If packets wait for it, or with {@link NodeSettings#assignAllUnits()} (every unit
     * must have an owner), it goes out again at once, to the least loaded member other than the
     * one that did not answer (that one is alive, its watchdog has not expired, but too busy to
     * answer: a cold or starved process). Left to the next rebalance tick, the unit would stay
     * ownerless for up to {@code rebalancePeriod} (2 s): longer than a member's whole failover.
     */
    private void toPool(WorkUnit unit) {
        Slot slot = removeSlot(unit);
        settle(slot);
        ++revision;
        counters.counter("cluster.assign.pooled").increment();
        if (held.containsKey(unit) || node.settings().assignAllUnits()) {
            SortedSet<MemberId> others = master.assignableIds();
            others.remove(slot.owner);
            assignEach(List.of(unit), others.isEmpty() ? master.memberIds() : others);
        }
    }

    private void send(WorkUnit unit, Slot slot) {
        if (slot.attempts++ >= node.settings().assignAttempts()) {
            counters.counter("cluster.assign.unanswered").increment();
            toPool(unit);
            return;
        }
        MemberEntry owner = master.entry(slot.owner);
        node.output().unicast(owner.address(), slot.phase == Phase.ASSIGNING
                ? new Assign(node.id(), master.term(), slot.revision, unit, slot.owner)
                : new Deassign(node.id(), master.term(), slot.revision, unit, slot.moveTarget));
        slot.retry = master.schedule(retryDelay(slot.attempts), () -> send(unit, slot));
    }

    /**
     * How long the {@code attempt}th sending of an order waits for its answer: {@code assignRetry}
     * for the first, doubling with each repetition up to the watchdog timeout t. A lost datagram
     * is repeated as soon as before; a member that answers slowly (a cold or starved process: its
     * keepalives arrive, so it is alive) is not sent each of up to {@link #MAX_IN_FLIGHT} orders
     * every {@code assignRetry}, copies it must read and answer before the master keepalives
     * queued behind them.
     */
    private Duration retryDelay(int attempt) {
        Duration first = node.settings().assignRetry();
        Duration cap = node.settings().keepalive().watchdogTimeout();
        Duration delay = first.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(cap) > 0 ? (first.compareTo(cap) > 0 ? first : cap) : delay;
    }

    /**
     * Assigns {@code units}, in order, each to the least loaded of {@code candidates} at that
     * moment (ties by name, as {@link LoadBalancer#leastLoaded}). The loads are counted once and
     * kept up to date here: a thousand units would otherwise rebuild the assignment a thousand
     * times.
     */
    private void assignEach(List<WorkUnit> units, SortedSet<MemberId> candidates) {
        if (units.isEmpty()) {
            return;
        }
        SortedMap<MemberId, Integer> loads = new TreeMap<>();
        candidates.forEach(m -> loads.put(m, 0));
        slots.values().forEach(s -> loads.computeIfPresent(s.owner, (m, n) -> n + 1));
        for (WorkUnit unit : units) {
            MemberId least = loads.entrySet().stream()
                    .min(Map.Entry.<MemberId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey();
            loads.merge(least, 1, Integer::sum);
            assign(unit, least);
        }
    }

    private MemberId leastLoaded() {
        return LoadBalancer.leastLoaded(assignableAssignment()).orElseThrow();
    }

    /** The assignment among the members that may be given units (those being drained left out). */
    private WorkUnitAssignment assignableAssignment() {
        SortedSet<MemberId> members = master.assignableIds();
        SortedMap<WorkUnit, MemberId> table = new TreeMap<>(assignments());
        table.values().removeIf(owner -> !members.contains(owner));
        return new WorkUnitAssignment(members, table);
    }
}
