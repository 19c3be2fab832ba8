package io.cohort.cluster.membership;

import io.cohort.cluster.keepalive.AdaptiveInterval;
import io.cohort.cluster.keepalive.AnnouncedTolerance;
import io.cohort.cluster.keepalive.LossEstimator;
import io.cohort.cluster.keepalive.Watchdog;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The master (figure 6, 623; figures 8A–8F). It broadcasts a keepalive every t / (n + 1) with the
 * member list, n and the assignments (8C), n from the worst member's loss estimate through
 * {@link AnnouncedTolerance}; it keeps a {@link LossEstimator} and a {@link Watchdog} per member,
 * fed by their keepalives (8B), and removes a member whose watchdog expires (8E). A keepalive
 * from a non-member is answered with an exit request (833).
 *
 * <p>Joins (8F): a stale configuration is told to exit; a credential the {@link CredentialCheck}
 * refuses is NAKed; otherwise "operation in progress", then the application's verdict, ACK or NAK.
 * A join from a current member (it restarted, or missed our ACK) is ACKed again and its units go
 * back to the pool, since it restarted or lost us, after lease + margin (fenced: a keepalive of
 * ours from before its join may still renew its lease with its old units), unless it has acknowledged none of them
 * (our ACK was lost, typically, or it restarted before owning anything): then its orders go again
 * under new revisions, and it keeps what it is being given, e.g. its units after a change of master.
 *
 * <p>After a change of master ({@link KeptUnits}): the units this node kept as a member are its
 * own at once, and the old master's table is kept for the rest of the grace: a member that joins
 * meanwhile gets its units in that table back by ordinary assigns (it still holds them, so it
 * only acknowledges), and the pool spread skips them until then ({@link WorkAssigner#inherit}).
 *

 * <p>Another master (8A): its keepalive, or its "other master exists", is settled by the
 * {@link TieBreaker}; the winner answers "other master exists" and announces the cluster address
 * again (825–827), the loser tells its members to exit and rejoins (821–823).
 */
final class MasterRole implements RoleState {
    private static final class Member {
        final MemberEntry entry;
        final LossEstimator loss;
        final Watchdog watchdog;
        SortedSet<WorkUnit> busy = Collections.emptySortedSet(); // as its last keepalive reported
        boolean draining; // as its last keepalive reported
        boolean catchingUp = true; // as its last keepalive reported; until its first, it just joined

        Member(MemberEntry entry, LossEstimator loss, Watchdog watchdog) {
            this.entry = entry;
            this.loss = loss;
            this.watchdog = watchdog;
        }
    }

    /**
     * How many times a master that steps down sends each member its exit (figure 8A, 821): one
     * datagram each, so that a loss rate p leaves a member uninformed with probability p^3.
     */
    static final int STEP_DOWN_EXIT_COPIES = 3;

    private final ClusterNode node;
    private final long term;
    private final MemberEntry self;
    private final AdaptiveInterval interval;
    private final AnnouncedTolerance tolerance;
    private final WorkAssigner work;
    private SortedMap<WorkUnit, MemberId> forwardingSource;
    private SortedMap<WorkUnit, MemberEntry> forwarding = Collections.emptySortedMap();
    private final SortedMap<MemberId, Member> members = new TreeMap<>();
    private final Map<MemberId, Object> approvals = new HashMap<>();
    private final List<Timer> timers = new ArrayList<>();
    private final KeptUnits kept;
    private long lastAdmittedNanos;
    private boolean spread; // the first spread of the pool happened (assignAllUnits)

    MasterRole(ClusterNode node, long term, KeptUnits kept) {
        this.node = node;
        this.term = term;
        this.self = new MemberEntry(node.id(), node.settings().address());
        this.interval = new AdaptiveInterval(node.settings().keepalive());
        this.tolerance = new AnnouncedTolerance(node.settings().keepalive());
        this.work = new WorkAssigner(this, node);
        this.kept = kept;
    }

    void start() {
        node.counters().counter("cluster.election.became_master").increment();
        work.inherit(kept.units(), kept.inherited());
        if (!kept.inherited().isEmpty()) {
            schedule(Duration.ofNanos(Math.max(0, kept.deadlineNanos() - node.scheduler().nanos())), work::inheritanceOver);
        }
        node.announcer().announce();
        node.periodicTimerDue(node.scheduler().nanos());
        sendKeepalive();
        rebalanceLoop();
        if (node.settings().assignAllUnits()) {
            lastAdmittedNanos = node.scheduler().nanos();
            schedule(node.settings().joinTimeout(), this::firstSpread);
            spreadOnceAllReturned();
        }
    }

    /**
     * With {@code assignAllUnits}, after a change of master: once every member of the old master's
     * table is back (none of their units is reserved any more), the pool — the dead master's units —
     * is spread at once rather than a join timeout after the last admission. Safe at once: the old
     * master's lease ended before its members' watchdogs expired ({@link FencingPolicy}).
     */
    private void spreadOnceAllReturned() {
        boolean changeOfMaster = !kept.units().isEmpty() || !kept.inherited().isEmpty();
        if (!spread && changeOfMaster && !work.hasReservations()) {
            node.counters().counter("cluster.assign.spread_all_returned").increment();
            spreadPool();
        }
    }

    private void spreadPool() {
        spread = true;
        work.assignPool();
    }

    /**
     * With {@code assignAllUnits}: the pool is spread once no member has joined for a join
     * timeout, so that the members that started with us, or lost the previous master with us, are
     * all in; waiting for the first rebalance tick (2 s) would leave every unit without an owner
     * that long after a master failover.
     */
    private void firstSpread() {
        long quiet = node.scheduler().nanos() - lastAdmittedNanos;
        long wanted = node.settings().joinTimeout().toNanos();
        if (spread) {
            return;
        }
        if (quiet < wanted) {
            schedule(Duration.ofNanos(wanted - quiet), this::firstSpread);
        } else {
            spreadPool();
        }
    }

    long term() {
        return term;
    }

    WorkAssigner work() {
        return work;
    }

    SortedSet<MemberId> memberIds() {
        SortedSet<MemberId> ids = new TreeSet<>(members.keySet());
        ids.add(node.id());
        return ids;
    }

    ClusterView view() {
        List<MemberEntry> list = new ArrayList<>();
        memberIds().forEach(id -> list.add(entry(id)));
        Map<MemberId, Double> loss = new TreeMap<>();
        members.forEach((id, m) -> loss.put(id, m.loss.measuredLoss()));
        return new ClusterView(node.id(), Role.MASTER, Optional.of(node.id()), list, tolerance.current(),
                interval.keepaliveInterval(tolerance.current()), loss, work.assignments(), work.ownedBySelf(),
                node.configVersion(), drainingIds());
    }

    /** {@link WorkAssigner#acknowledgedOwners()} with each owner's entry, rebuilt when that table changes. */
    SortedMap<WorkUnit, MemberEntry> forwardingTable() {
        SortedMap<WorkUnit, MemberId> owners = work.acknowledgedOwners();
        if (owners != forwardingSource) {
            SortedMap<WorkUnit, MemberEntry> table = new TreeMap<>();
            owners.forEach((unit, owner) -> table.put(unit, entry(owner)));
            forwarding = Collections.unmodifiableSortedMap(table);
            forwardingSource = owners;
        }
        return forwarding;
    }

    MemberEntry entry(MemberId id) {
        return id.equals(node.id()) ? self : members.get(id).entry;
    }

    @Override
    public void receive(MemberAddress from, ClusterMessage message) {
        switch (message) {
            case MasterKeepalive k when k.sender().equals(node.id()) -> { } // our own (807)
            case MasterKeepalive k -> otherMaster(from, k.sender(), k.members().size(), from, true);
            case OtherMasterExists o when o.target().equals(node.id()) ->
                    otherMaster(from, o.sender(), o.memberCount(), o.address(), false);
            // while our periodic timer is overdue what we read is a backlog: offers and joins in it
            // may come from members of a master elected meanwhile; they repeat theirs if we are live
            case OfferMaster o when !o.sender().equals(node.id()) && node.loopCurrent() ->
                    node.output().unicast(from, otherMasterExists(o.sender()));
            case JoinRequest j when !j.sender().equals(node.id()) && node.loopCurrent() -> join(j);
            case MemberKeepalive k -> memberKeepalive(from, k);
            case AssignAck a when isMember(a.sender(), a.term()) -> work.assignAcked(a.sender(), a.revision(), a.unit());
            case DeassignAck d when isMember(d.sender(), d.term()) -> work.deassignAcked(d.sender(), d.revision(), d.unit());
            case Exit e when e.target().equals(node.id()) && e.reason() == ExitReason.STALE_CONFIGURATION
                    && e.configVersion() > node.configVersion() -> node.configurationStale(from, e.configVersion());
            case Exit e when e.target().equals(node.id()) && e.reason() == ExitReason.MEMBER_LEFT -> memberLeft(e.sender());
            default -> { }
        }
    }

    /**
     * Figure 8A. The winner answers a rival's keepalive with "other master exists"; a rival's
     * "other master exists" that we win needs no answer, our next keepalive is one.
     */
    private void otherMaster(MemberAddress from, MemberId other, int theirCount, MemberAddress theirAddress, boolean answer) {
        if (!node.loopCurrent()) {
            // our periodic timer is overdue: we were not running (paused, starved), and what we read
            // now is a backlog; our members have most likely elected another master meanwhile
            node.counters().counter("cluster.election.tie_yielded_late_loop").increment();
        } else if (TieBreaker.wins(liveMemberCount(), self.address(), theirCount, theirAddress)) {
            if (!answer) {
                return;
            }
            node.counters().counter("cluster.election.tie_won").increment();
            node.output().unicast(from, otherMasterExists(other));
            node.announcer().announce();
            return;
        }
        node.counters().counter("cluster.election.tie_lost").increment();
        stepDownKeepingUnits();
    }

    /**
     * Away so long that our members may have elected another master, which may serve our units by
     * now. We step down keeping our units (unserved: our lease lapsed) rather
     * than act on the backlog or announce a stale table; if nobody else is master, we become master
     * again within a join timeout and an offer silence. Not sooner: the master elected meanwhile
     * may be stalled right now, briefly enough to go on as master when it runs again
     * ({@link ClusterNode#rejoinKeepingAfterAway}).
     */
    @Override
    public void awayLongerThanWatchdog() {
        node.counters().counter("cluster.master.away_stepped_down").increment();
        tellMembersWeStepDown();
        node.rejoinKeepingAfterAway(work.handOverOwn(), new TreeMap<>(), node.id());
    }

    /** Tells our members we step down and joins, keeping our units, as our members do (figure 8A, 821–823). */
    private void stepDownKeepingUnits() {
        tellMembersWeStepDown();
        node.rejoinKeeping(work.handOverOwn(), new TreeMap<>(), node.id());
    }

    /**
     * The members the tie-breaker counts (figure 8A, 811): this master and the members whose
     * keepalives arrived within the watchdog t. A master that was paused still lists members that
     * have left it since; counting them would let it win against the master they joined.
     */
    int liveMemberCount() {
        long now = node.scheduler().nanos();
        return 1 + (int) members.values().stream().filter(m -> !m.watchdog.expired(now)).count();
    }

    /** This node is leaving the cluster ({@link ClusterNode#leave}): its members elect the next master at once. */
    void stepDown() {
        node.counters().counter("cluster.master.stepped_down").increment();
        tellMembersWeStepDown();
    }

    /**
     * Sends each member the exit {@link #STEP_DOWN_EXIT_COPIES} times: a member that misses it
     * serves its units under the lease we gave it until that lease runs out, while the master that
     * beat us may have given some of them to its own members; the copies after the first find the
     * member joining already, and are ignored.
     */
    private void tellMembersWeStepDown() {
        for (int copy = 0; copy < STEP_DOWN_EXIT_COPIES; copy++) {
            for (Member m : members.values()) {
                node.output().unicast(m.entry.address(),
                        new Exit(node.id(), m.entry.id(), ExitReason.MASTER_STEPPED_DOWN, node.configVersion()));
            }
        }
    }

    private OtherMasterExists otherMasterExists(MemberId target) {
        return new OtherMasterExists(node.id(), target, liveMemberCount(), self.address());
    }

    private void join(JoinRequest j) {
        MemberId id = j.sender();
        if (j.configVersion() < node.configVersion()) {
            node.counters().counter("cluster.join.stale_configuration").increment();
            node.output().unicast(j.address(), new Exit(node.id(), id, ExitReason.STALE_CONFIGURATION, node.configVersion()));
            return;
        }
        if (j.configVersion() > node.configVersion()) {
            node.configurationStale(j.address(), j.configVersion()); // figure 6, 641: this master is the stale one
            return;
        }
        if (!node.credentials().accepts(id, j.credential())) {
            node.counters().counter("cluster.join.credential_rejected").increment();
            node.output().unicast(j.address(), new JoinNak(node.id(), id, NakReason.CREDENTIAL_REJECTED));
            return;
        }
        Member current = members.get(id);
        if (current != null && current.entry.address().equals(j.address()) && work.onlyUnacknowledged(id)) {
            // our ACK was lost (or it restarted before owning anything): whatever it holds or not,
            // its orders go again under new revisions, so that no answer to an earlier one counts
            node.counters().counter("cluster.join.ack_repeated").increment();
            admit(id, j.address());
            work.reissue(id);
            return;
        }
        if (current != null) {
            node.counters().counter("cluster.join.rejoined").increment();
            work.fence(id); // it restarted, or it lost us and keeps units: a keepalive of ours still on its way may renew its lease
            admit(id, j.address()); // fresh loss estimate and watchdog: its sequence starts over
            return;
        }
        node.output().unicast(j.address(), new JoinNak(node.id(), id, NakReason.OPERATION_IN_PROGRESS));
        if (approvals.containsKey(id)) {
            return;
        }
        Object attempt = new Object();
        approvals.put(id, attempt);
        node.application().approveJoin(id, j.credential()).whenComplete((verdict, failure) ->
                node.scheduler().schedule(Duration.ZERO, () -> approved(j, attempt, verdict, failure)));
    }

    private void approved(JoinRequest j, Object attempt, JoinVerdict verdict, Throwable failure) {
        MemberId id = j.sender();
        if (!node.isCurrent(this) || approvals.get(id) != attempt) {
            return;
        }
        approvals.remove(id);
        if (failure != null || verdict != JoinVerdict.APPROVED) {
            node.counters().counter("cluster.join.application_rejected").increment();
            node.output().unicast(j.address(), new JoinNak(node.id(), id, NakReason.APPLICATION_REJECTED));
            return;
        }
        node.counters().counter("cluster.join.accepted").increment();
        admit(id, j.address());
        node.application().memberJoined(id);
    }

    private void admit(MemberId id, MemberAddress address) {
        lastAdmittedNanos = node.scheduler().nanos();
        Member m = new Member(new MemberEntry(id, address),
                new LossEstimator(node.settings().keepalive(), node.counters()),
                new Watchdog(node.settings().keepalive().watchdogTimeout(), node.scheduler().nanos()));
        members.put(id, m);
        node.output().unicast(address, new JoinAck(node.id(), id, term));
        armWatchdog(id, m);
        work.adopt(id);
        if (node.settings().assignAllUnits()) {
            spreadOnceAllReturned();
        }
        work.moveEmptyUnits(this::busy); // the joiner gets its share of empty units at once
    }

    private void memberKeepalive(MemberAddress from, MemberKeepalive k) {
        Member m = members.get(k.sender());
        if (m == null || k.term() != term) {
            node.counters().counter("cluster.master.keepalive_from_non_member").increment();
            node.output().unicast(from, new Exit(node.id(), k.sender(), ExitReason.NOT_A_MEMBER, node.configVersion()));
            return;
        }
        long now = node.scheduler().nanos();
        m.loss.observe(k.sequence(), now);
        m.watchdog.reset(now);
        m.busy = k.busy();
        m.catchingUp = k.catchingUp();
        if (m.draining != k.draining()) {
            m.draining = k.draining();
            drainingChanged();
        }
    }

    /** The members being drained, this master included if it is: they get no units, theirs move away. */
    SortedSet<MemberId> drainingIds() {
        SortedSet<MemberId> ids = new TreeSet<>();
        members.forEach((id, m) -> {
            if (m.draining) {
                ids.add(id);
            }
        });
        if (node.draining()) {
            ids.add(node.id());
        }
        return ids;
    }

    /**
     * The members that may be given units: all but those being drained, or all if every one is
     * (a cluster drained whole keeps its units where they are rather than lose them).
     */
    SortedSet<MemberId> assignableIds() {
        SortedSet<MemberId> ids = memberIds();
        ids.removeAll(drainingIds());
        return ids.isEmpty() ? memberIds() : ids;
    }

    /**
     * The members that may be given a dead or silent member's units: the assignable ones that hold
     * what the others replicated (a member that just joined or restarted waits for it), or all the
     * assignable ones if none does.
     */
    SortedSet<MemberId> takeoverIds() {
        SortedSet<MemberId> ids = assignableIds();
        members.forEach((id, m) -> {
            if (m.catchingUp) {
                ids.remove(id);
            }
        });
        if (!node.application().readyToTakeOver()) {
            ids.remove(node.id());
        }
        return ids.isEmpty() ? assignableIds() : ids;
    }

    /** A member started or ended its drain (its keepalive said so, or this master's operator). */
    void drainingChanged() {
        node.counters().counter("cluster.master.drain_changes").increment();
        work.drainStep();
    }

    private boolean isMember(MemberId id, long ackTerm) {
        return ackTerm == term && members.containsKey(id);
    }

    /**
     * Figure 8C, and fencing: the master's own lease runs from each keepalive it sends. A keepalive
     * timer that runs so late that another master may exist means this master was away
     * ({@link #awayLongerThanWatchdog}).
     */
    private void sendKeepalive() {
        long lateness = node.periodicTimerLateness();
        if (lateness > node.awayThresholdNanos()) {
            node.checkAway();
            return;
        }
        if (node.late(lateness)) {
            node.counters().counter("cluster.loop.late_keepalive").increment();
        }
        node.renewLeaseAsMaster();
        List<MemberEntry> list = new ArrayList<>();
        memberIds().forEach(id -> list.add(entry(id)));
        node.output().broadcast(new MasterKeepalive(node.id(), term, work.revision(), node.configVersion(), list,
                tolerance.current(), work.assignments()));
        if (!members.isEmpty()) {
            tolerance.update(members.values().stream().mapToDouble(m -> m.loss.probability()).max().orElseThrow());
        }
        Duration next = interval.keepaliveInterval(tolerance.current());
        schedule(next, this::sendKeepalive);
        node.periodicTimerDue(node.scheduler().nanos() + next.toNanos());
    }

    /** Whether {@code owner} reports {@code unit} busy (for this master: asks its applications). */
    boolean busy(MemberId owner, WorkUnit unit) {
        if (owner.equals(node.id())) {
            return node.application().unitBusy(unit);
        }
        Member m = members.get(owner);
        return m == null || m.busy.contains(unit);
    }

    private void rebalanceLoop() {
        schedule(node.settings().rebalancePeriod(), () -> {
            work.drainStep();
            work.moveEmptyUnits(this::busy);
            work.rebalance();
            rebalanceLoop();
        });
    }

    /**
     * Figure 8B/8E, with fencing: when the watchdog on a member expires, the member leaves the list
     * at once (our keepalives stop renewing its lease) and its units move only once its lease has
     * surely run out ({@link WorkAssigner#fence}). A watchdog timer that runs late (this thread was
     * not running) checks once more after the loop tolerance, so that keepalives waiting unread in
     * the socket buffer are read first.
     */
    private void armWatchdog(MemberId id, Member m) {
        long due = m.watchdog.deadline() + 1;
        schedule(Duration.ofNanos(due - node.scheduler().nanos()), () -> checkWatchdog(id, m, due, true));
    }

    private void checkWatchdog(MemberId id, Member m, long due, boolean mayRecheck) {
        if (members.get(id) != m) {
            return;
        }
        long now = node.scheduler().nanos();
        if (!m.watchdog.expired(now)) {
            armWatchdog(id, m);
        } else if (mayRecheck && node.late(now - due)) {
            node.counters().counter("cluster.master.watchdog_rechecked").increment();
            schedule(node.settings().fencing().loopTolerance(node.settings().keepalive().watchdogTimeout()),
                    () -> checkWatchdog(id, m, due, false));
        } else {
            node.counters().counter("cluster.master.member_lost").increment();
            members.remove(id);
            work.fence(id);
            node.application().memberLeft(id);
        }
    }

    /**
     * {@code id} says it leaves ({@link ExitReason#MEMBER_LEFT}): it let go of its units before
     * saying so, so they move at once, without the fencing wait of a silent member. Its fenced
     * units, if it had gone silent before, wait for their own timer.
     */
    private void memberLeft(MemberId id) {
        if (members.remove(id) == null) {
            return;
        }
        node.counters().counter("cluster.master.member_left").increment();
        node.application().memberLeft(id);
        work.memberGone(id);
    }

    Timer schedule(Duration delay, Runnable task) {
        timers.removeIf(t -> !t.isPending());
        Timer timer = node.scheduler().schedule(delay, () -> {
            if (node.isCurrent(this)) {
                task.run();
            }
        });
        timers.add(timer);
        return timer;
    }

    @Override
    public void close() {
        timers.forEach(Timer::cancel);
        work.close();
        members.keySet().forEach(node.application()::memberLeft);
        members.clear();
        approvals.clear();
    }
}
