package io.cohort.cluster.membership;

import io.cohort.cluster.keepalive.AdaptiveInterval;
import io.cohort.cluster.keepalive.Lease;
import io.cohort.cluster.keepalive.LoopLiveness;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One cluster member's membership state machine (patent figure 6, with the master's events of
 * figures 8A–8F and the member's of 8G–8I), sans I/O: messages come in through {@link #receive},
 * timers through the injected {@link Scheduler}, and everything it does goes out through a
 * {@link ClusterOutput} (messages, held packets) and a {@link ClusterApplication} (events).
 *
 * <p>The node is in one {@link Role} at a time, implemented by a {@link RoleState}:
 * {@link JoinProcedure} (joining, offering to be master, refused), {@link MemberRole} and
 * {@link MasterRole} (with its {@link WorkAssigner}). Leaving a role gives up everything it
 * owned, with one exception: a change of master. A member that lost its master (figure 8I), or
 * whose master stepped down after losing the tie-breaker (8A), and a master that lost the
 * tie-breaker, keep their units ({@link KeptUnits}) while they join the next master or become
 * master, for at most {@link NodeSettings#keptUnitsGrace()}; a member also carries the old
 * master's last assignment table, which it uses if it becomes master itself, so that the units of
 * the members that come back to it stay theirs. As a member of the next master a kept unit lasts
 * until the first master keepalive that does not give it to the node; kept units not back in a
 * master's hands when the grace ends are given up. Every other way out of a role (exit, dropped
 * from the list, a master that restarted, refusal, stale configuration, stop) gives up everything:
 * such a node owns no unit until a master assigns it one again, which is what keeps two live
 * members from owning one unit for long.
 *
 * <p>Fencing: the node serves its units only while its {@link Lease} holds ({@link #serves},
 * {@link #leaseValid}); a member's lease is renewed by the master keepalives that list it, a
 * master's by the keepalives it sends, and never from what the node reads while its own periodic
 * timer is overdue ({@link LoopLiveness}): after a pause that is a backlog, not news. A master
 * moves a silent member's units only once that member's lease has surely run out
 * ({@link FencingPolicy}; README, "Fencing").
 *
 * <p>Single-threaded: every call, and every task on the scheduler, on the same thread, except
 * {@link #leaseValid}, which any thread may call.
 */
public final class ClusterNode {
    private final NodeSettings settings;
    private final Scheduler scheduler;
    private final ClusterOutput output;
    private final ClusterApplication application;
    private final CredentialCheck credentials;
    private final MasterAnnouncer announcer;
    private final Counters counters;
    private final byte[] credential;
    private long configVersion;
    private int terms;
    private int keepaliveSequence;
    private Role role = Role.STOPPED;
    private RoleState state;
    private KeptUnits kept;
    private boolean draining;
    private Timer keptTimer = Timer.NONE;
    private final Lease lease;
    private final LoopLiveness loop;

    public ClusterNode(NodeSettings settings, long configVersion, byte[] credential, Scheduler scheduler,
            ClusterOutput output, ClusterApplication application, CredentialCheck credentials,
            MasterAnnouncer announcer, Counters counters) {
        this.settings = settings;
        this.configVersion = configVersion;
        this.credential = credential.clone();
        this.scheduler = scheduler;
        this.output = output;
        this.application = application;
        this.credentials = credentials;
        this.announcer = announcer;
        this.counters = counters;
        this.lease = new Lease(settings.lease());
        this.loop = new LoopLiveness(settings.fencing().loopTolerance(settings.keepalive().watchdogTimeout()).toNanos());
    }

    /** Starts joining the cluster (figure 6, 601). */
    public void start() {
        if (role != Role.STOPPED) {
            throw new IllegalStateException(settings.id() + " is already started");
        }
        join();
    }

    /**
     * Leaves the cluster and says so: a master tells each member that it steps down (the exit of
     * figure 8A, 821), and they join the next master at once, keeping their units, instead of
     * after their watchdog t; a member stops (letting go of its units), then tells its master,
     * which moves them at once instead of after its watchdog and the lease. Then as {@link #stop}.
     * With steering, the member's protocols should have let go of their units' sessions first
     * (the server hands its sessions over before it leaves): the master's next owners serve them
     * as soon as they are told.
     */
    public void leave() {
        if (state instanceof MasterRole master) {
            master.stepDown();
        }
        if (state instanceof MemberRole member) {
            MemberAddress masterAddress = member.masterAddress();
            MemberId masterId = member.master();
            stop();
            counters.counter("cluster.member.left").increment();
            output.unicast(masterAddress, new Exit(settings.id(), masterId, ExitReason.MEMBER_LEFT, configVersion()));
            return;
        }
        stop();
    }

    /**
     * Drains this node ({@code cohort drain}) or ends its drain: while draining, the master moves
     * all of its units away, live (state handed over, then ownership), and gives it none; the
     * node stays in the cluster and can be stopped once it owns nothing. A member tells its master
     * in every keepalive; a master applies it to itself at once. On the node's thread.
     */
    public void drain(boolean on) {
        if (draining == on) {
            return;
        }
        draining = on;
        counters.counter(on ? "cluster.drain.started" : "cluster.drain.ended").increment();
        if (state instanceof MasterRole master) {
            master.drainingChanged();
        }
    }

    /** Whether this node is being drained ({@link #drain}). */
    public boolean draining() {
        return draining;
    }

    SortedSet<MemberId> selfIfDraining() {
        return draining ? new TreeSet<>(Set.of(settings.id())) : new TreeSet<>();
    }

    /** Leaves the cluster silently, giving up everything; the node may be started again. */
    public void stop() {
        switchTo(null, Role.STOPPED);
    }

    /** A message arrived from {@code from}. Ignored while stopped. */
    public void receive(MemberAddress from, ClusterMessage message) {
        if (state != null) {
            checkAway();
            counters.counter(receivedCounter(message)).increment();
            state.receive(from, message);
        }
    }

    /**
     * {@code cluster.rx.} and the message's type; a {@code JoinNak} of "operation in progress",
     * the master's first answer to every join while it asks its applications (figure 8F, 877),
     * counts as {@code cluster.rx.JoinInProgress}, so that {@code cluster.rx.JoinNak} counts
     * refusals only.
     */
    static String receivedCounter(ClusterMessage message) {
        if (message instanceof JoinNak n && n.reason() == NakReason.OPERATION_IN_PROGRESS) {
            return "cluster.rx.JoinInProgress";
        }
        return "cluster.rx." + message.getClass().getSimpleName();
    }

    /**
     * A packet for {@code unit} reached this node and nobody here owns the unit: on the master it
     * is assigned on demand and the packet held until the owner acknowledges (figure 9).
     */
    public DemandOutcome demand(WorkUnit unit, Object packet) {
        if (state instanceof MasterRole master) {
            return master.work().demand(unit, packet);
        }
        counters.counter("cluster.demand.not_master").increment();
        return DemandOutcome.DROPPED_NOT_MASTER;
    }

    /**
     * The configuration is now at {@code version}. After a stale-configuration exit this is the
     * application's "fetched, rejoin" (figure 6, 642); on a master, its keepalives carry the new
     * version and members with an older one exit to update.
     */
    public void configurationUpdated(long version) {
        configVersion = version;
        if (role == Role.UPDATING_CONFIGURATION) {
            join();
        }
    }

    public Role role() {
        return role;
    }

    public MemberId id() {
        return settings.id();
    }

    public long configVersion() {
        return configVersion;
    }

    /** The master this node belongs to (itself when master), if any. */
    public Optional<MemberId> master() {
        return switch (state) {
            case MasterRole m -> Optional.of(settings.id());
            case MemberRole m -> Optional.of(m.master());
            case null, default -> Optional.empty();
        };
    }

    /** The cluster's members as this node knows them, itself included; empty outside a cluster. */
    public SortedSet<MemberId> members() {
        return switch (state) {
            case MasterRole m -> m.memberIds();
            case MemberRole m -> m.memberIds();
            case null, default -> Collections.emptySortedSet();
        };
    }

    /**
     * On the master, the units whose owner has acknowledged them, with that owner's entry: where
     * their packets go (figure 9, 943); a unit being assigned is absent (its packets are held by
     * {@link #demand}). Empty on any other node. The same map instance until the table changes,
     * so a caller can compare by identity.
     */
    public SortedMap<WorkUnit, MemberEntry> forwardingTable() {
        return state instanceof MasterRole m ? m.forwardingTable() : Collections.emptySortedMap();
    }

    /** The units this node owns and processes (while joining: the units it keeps, if any). */
    public SortedSet<WorkUnit> ownedUnits() {
        return switch (state) {
            case MasterRole m -> m.work().ownedBySelf();
            case MemberRole m -> new TreeSet<>(m.owned());
            case null, default -> kept == null ? Collections.emptySortedSet() : new TreeSet<>(kept.units());
        };
    }

    public Counters counters() {
        return counters;
    }

    /**
     * Whether this node's lease holds at {@code nanos} (the scheduler's clock): whether it may serve
     * the units it owns now. Thread-safe: the protocols may ask it for every packet.
     */
    public boolean leaseValid(long nanos) {
        return lease.valid(nanos);
    }

    /** Whether this node serves {@code unit} now: it owns the unit and its lease holds. */
    public boolean serves(WorkUnit unit) {
        return lease.valid(scheduler.nanos()) && ownedUnits().contains(unit);
    }

    /** The units this node serves now: {@link #ownedUnits()} while the lease holds, else none. */
    public SortedSet<WorkUnit> servedUnits() {
        return lease.valid(scheduler.nanos()) ? ownedUnits() : Collections.emptySortedSet();
    }

    /** What this node knows of its cluster now. */
    public ClusterView view() {
        return switch (state) {
            case MasterRole m -> m.view();
            case MemberRole m -> m.view();
            case null, default -> {
                AdaptiveInterval interval = new AdaptiveInterval(settings.keepalive());
                int n = interval.lossTolerance(settings.keepalive().initialLoss());
                yield new ClusterView(settings.id(), role, Optional.empty(), List.of(), n, interval.keepaliveInterval(n),
                        Map.of(), new TreeMap<>(), ownedUnits(), configVersion, selfIfDraining());
            }
        };
    }

    /**
     * The sequence number of this node's next member keepalive (figure 8H: "a monotonically
     * increasing numeric value"). One counter for the node's life, not one per membership: a
     * keepalive of a role it has left, still on its way to the master after the master admitted
     * it again, is then older than the new role's, not newer, and cannot make the master ignore
     * them as late.
     */
    int nextKeepaliveSequence() {
        return keepaliveSequence++;
    }

    /** The role's periodic timer (keepalive, join retransmission) is due at {@code dueNanos}. */
    void periodicTimerDue(long dueNanos) {
        loop.expect(dueNanos);
    }

    /** How late the periodic timer runs, when called from it. */
    long periodicTimerLateness() {
        return loop.lateness(scheduler.nanos());
    }

    /**
     * If the periodic timer is overdue by more than {@link #awayThresholdNanos}, this node was not
     * running for that long (paused, starved) and another master may exist by now: its role acts on
     * that before anything else ({@link RoleState#awayLongerThanWatchdog}), whether the backlog it
     * reads or the overdue timer comes first.
     */
    void checkAway() {
        if (state != null && loop.lateness(scheduler.nanos()) > awayThresholdNanos()) {
            counters.counter("cluster.loop.away_longer_than_watchdog").increment();
            state.awayLongerThanWatchdog();
        }
    }

    /**
     * How late the periodic timer must be for another master to possibly exist by now: the members
     * notice a silent master t after its last keepalive (which may precede its last timer by one
     * keepalive interval) and elect another a rejoin timeout and an offer silence later. A shorter
     * stall (a loaded host) is waited out: the backlog is read, nobody replaced this node.
     */
    long awayThresholdNanos() {
        var k = settings.keepalive();
        return k.watchdogTimeout().toNanos() + settings.rejoinTimeout().toNanos() + settings.offerSilence().toNanos()
                - k.watchdogTimeout().toNanos() / (k.minLosses() + 1);
    }

    /** Whether the periodic timer is not overdue now: what this node reads now is news, not a backlog. */
    boolean loopCurrent() {
        return loop.current(scheduler.nanos());
    }

    /** Whether a timer {@code latenessNanos} late means this node's thread did not keep up. */
    boolean late(long latenessNanos) {
        return loop.late(latenessNanos);
    }

    /**
     * A keepalive of our master listed us: the lease runs from now, unless the periodic timer is
     * overdue (the keepalive may have waited in a buffer while this thread was not running).
     */
    void renewLeaseFromMaster() {
        long now = scheduler.nanos();
        if (loop.current(now)) {
            lease.renew(now);
        } else {
            counters.counter("cluster.lease.renewal_refused_late_loop").increment();
        }
    }

    /** The master sends its keepalive now: its own lease runs from now. */
    void renewLeaseAsMaster() {
        lease.renew(scheduler.nanos());
    }

    // Transitions, used by the role states.

    void join() {
        join(settings.joinTimeout());
    }

    private void join(Duration answerTimeout) {
        JoinProcedure procedure = new JoinProcedure(this);
        switchTo(procedure, Role.JOINING);
        procedure.startJoining(answerTimeout);
    }

    /**
     * Leaves the role to join again, keeping {@code units} (which the leaving role no longer
     * counts as its own) and {@code table}, the old master's assignments, for the grace. Offers to
     * be master after the rejoin timeout: every member lost the master at about the same time.
     */
    void rejoinKeeping(SortedSet<WorkUnit> units, SortedMap<WorkUnit, MemberId> table, MemberId oldMaster) {
        rejoinKeeping(units, table, oldMaster, settings.rejoinTimeout());
    }

    /**
     * As {@link #rejoinKeeping}, for a node back from being away longer than the watchdog
     * ({@link #awayThresholdNanos}): it offers to be master only after the full join timeout. It
     * did not lose its master with the others, so the rejoin timeout's premise does not hold; the
     * master elected meanwhile may itself be stalled now, for up to that threshold without
     * stepping down, and the join timeout plus the offer silence outlast it: that master answers
     * before this node would become a second one (figure 6, 613–619).
     */
    void rejoinKeepingAfterAway(SortedSet<WorkUnit> units, SortedMap<WorkUnit, MemberId> table, MemberId oldMaster) {
        rejoinKeeping(units, table, oldMaster, settings.joinTimeout());
    }

    private void rejoinKeeping(SortedSet<WorkUnit> units, SortedMap<WorkUnit, MemberId> table, MemberId oldMaster,
            Duration answerTimeout) {
        long grace = settings.keptUnitsGrace().toNanos();
        SortedMap<WorkUnit, MemberId> inherited = new TreeMap<>(table);
        inherited.values().removeIf(owner -> owner.equals(oldMaster) || owner.equals(settings.id()));
        KeptUnits next = new KeptUnits(units, inherited, scheduler.nanos() + grace);
        releaseKept(); // none: kept units are taken by the role that follows a join
        join(answerTimeout);
        if (grace == 0) {
            if (!units.isEmpty()) {
                application.unitsRevoked(next.units());
            }
            return;
        }
        kept = next;
        counters.counter("cluster.kept_units.kept").add(units.size());
        keptTimer = scheduler.schedule(settings.keptUnitsGrace(), () -> {
            if (kept != null) { // replaced or taken kept units cancel this timer
                counters.counter("cluster.kept_units.expired").add(kept.units().size());
                releaseKept();
            }
        });
    }

    /**
     * While joining, a master's keepalive (any master's: the old one alive after all, or a rival)
     * gives some kept units to other members: those are given up at once, without waiting for the
     * grace or for our first keepalive as a member. A master lists only units it assigned, never
     * the ones it reserves for returning members, so a new master's keepalive takes nothing from
     * the members it will give their units back to.
     */
    void keepaliveWhileJoining(SortedMap<WorkUnit, MemberId> assignments) {
        if (kept == null) {
            return;
        }
        SortedSet<WorkUnit> taken = new TreeSet<>();
        SortedSet<WorkUnit> remaining = new TreeSet<>();
        for (WorkUnit unit : kept.units()) {
            MemberId owner = assignments.get(unit);
            (owner != null && !owner.equals(settings.id()) ? taken : remaining).add(unit);
        }
        if (!taken.isEmpty()) {
            kept = new KeptUnits(remaining, kept.inherited(), kept.deadlineNanos());
            counters.counter("cluster.kept_units.taken").add(taken.size());
            application.unitsRevoked(taken);
        }
    }

    /** Gives up the kept units, if any (refused, stopped, stale configuration, grace over). */
    void releaseKept() {
        KeptUnits k = takeKept();
        if (!k.units().isEmpty()) {
            application.unitsRevoked(k.units());
        }
    }

    private KeptUnits takeKept() {
        KeptUnits k = kept == null ? KeptUnits.NONE : kept;
        kept = null;
        keptTimer.cancel();
        keptTimer = Timer.NONE;
        return k;
    }

    void becomeMember(MemberAddress masterAddress, MemberId master, long term) {
        MemberRole member = new MemberRole(this, masterAddress, master, term, takeKept().units());
        switchTo(member, Role.MEMBER);
        member.start();
    }

    void becomeMaster() {
        MasterRole master = new MasterRole(this, (settings.incarnation() << 16) | (++terms & 0xFFFF), takeKept());
        switchTo(master, Role.MASTER);
        master.start();
    }

    /** Leaves the cluster to fetch a newer configuration (figure 6, 641). */
    void configurationStale(MemberAddress source, long version) {
        counters.counter("cluster.config.stale").increment();
        switchTo(null, Role.UPDATING_CONFIGURATION);
        application.configurationStale(source, version);
    }

    /** Changes the role without changing the state object (joining, offering, refused). */
    void setRole(Role next) {
        if (next != role) {
            role = next;
            application.roleChanged(next);
        }
    }

    boolean isCurrent(RoleState candidate) {
        return state == candidate;
    }

    private void switchTo(RoleState next, Role nextRole) {
        RoleState previous = state;
        state = next;
        if (previous != null) {
            previous.close();
        }
        if (next == null) {
            releaseKept(); // stopped, or leaving to fetch a newer configuration
        }
        setRole(nextRole);
    }

    NodeSettings settings() {
        return settings;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ClusterOutput output() {
        return output;
    }

    ClusterApplication application() {
        return application;
    }

    CredentialCheck credentials() {
        return credentials;
    }

    MasterAnnouncer announcer() {
        return announcer;
    }

    byte[] credential() {
        return credential.clone();
    }
}
