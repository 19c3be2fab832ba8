package io.cohort.cluster.sim;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterApplications;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.ClusterOutput;
import io.cohort.cluster.membership.CredentialCheck;
import io.cohort.cluster.membership.MasterAnnouncer;
import io.cohort.cluster.membership.NodeSettings;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * N {@link ClusterNode}s on one {@link SimNetwork} and one {@link VirtualScheduler}: member i is
 * named {@code m<i>} and listens at 10.0.0.(i + 1):4500. Members can be crashed (gone at once,
 * with their timers, no goodbye) and restarted (a new incarnation that joins afresh). Packets for
 * work units are offered to whichever nodes are master, as a data path would.
 */
public final class SimCluster {
    /** One member's slot: its current node (null while crashed) and what it has seen. */
    public static final class Slot {
        final int index;
        final MemberId id;
        final MemberAddress address;
        final Counters counters = new Counters();
        ClusterNode node;
        PausableScheduler scheduler;
        final List<Datagram> backlog = new ArrayList<>(); // what reached it while paused
        int incarnation;
        long delivered;

        Slot(int index) {
            this.index = index;
            this.id = MemberId.of(String.format("m%02d", index));
            try {
                this.address = new MemberAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) (index + 1)}), 4500);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        public MemberId id() {
            return id;
        }

        public MemberAddress address() {
            return address;
        }

        /** The running node, empty while crashed. */
        public Optional<ClusterNode> node() {
            return Optional.ofNullable(node);
        }

        public Counters counters() {
            return counters;
        }

        /** Whether the member's process is paused ({@link SimCluster#pause}). */
        public boolean paused() {
            return scheduler != null && scheduler.paused();
        }

        /**
         * The current incarnation's view of the shared clock, paused with the process: what an
         * application simulated beside the node (its timers) runs on. Null before the first start.
         */
        public Scheduler scheduler() {
            return scheduler;
        }

        /** Packets the master delivered to this member. */
        public long delivered() {
            return delivered;
        }
    }

    private record Datagram(MemberAddress from, ClusterMessage message) {}

    private final VirtualScheduler scheduler;
    private final SimNetwork network;
    private final List<Slot> slots = new ArrayList<>();
    private final UnaryOperator<NodeSettings> settings;
    private BiPredicate<MemberId, WorkUnit> busy = (member, unit) -> false;
    private Function<Slot, ClusterApplication> applications = slot -> ClusterApplication.NONE;

    /** A cluster of {@code size} members with default settings but for the keepalive policy. */
    public SimCluster(int size, long seed, KeepalivePolicy keepalive) {
        this(size, seed, s -> s.withKeepalive(keepalive));
    }

    public SimCluster(int size, long seed, UnaryOperator<NodeSettings> settings) {
        this.scheduler = new VirtualScheduler();
        this.network = new SimNetwork(scheduler, seed);
        this.settings = settings;
        for (int i = 0; i < size; i++) {
            slots.add(new Slot(i));
        }
    }

    public VirtualScheduler scheduler() {
        return scheduler;
    }

    public SimNetwork network() {
        return network;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** Starts member {@code i} (first start or restart after a crash). */
    public void start(int i) {
        Slot slot = slots.get(i);
        if (slot.node != null) {
            throw new IllegalStateException(slot.id + " is running");
        }
        NodeSettings s = settings.apply(NodeSettings.defaults(slot.id, slot.address, ++slot.incarnation));
        ClusterOutput output = new ClusterOutput() {
            @Override
            public void unicast(MemberAddress to, ClusterMessage message) {
                network.unicast(slot.address, to, message);
            }

            @Override
            public void broadcast(ClusterMessage message) {
                network.broadcast(slot.address, message);
            }

            @Override
            public void deliver(MemberEntry owner, WorkUnit unit, Object packet) {
                slots.stream().filter(o -> o.id.equals(owner.id())).forEach(o -> o.delivered++);
            }
        };
        slot.scheduler = new PausableScheduler(scheduler);
        slot.backlog.clear();
        slot.node = new ClusterNode(s, 1, slot.id.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                slot.scheduler, output, ClusterApplications.of(List.of(new ClusterApplication() {
                    @Override
                    public boolean unitBusy(WorkUnit unit) {
                        return busy.test(slot.id, unit);
                    }
                }, applications.apply(slot))), CredentialCheck.ACCEPT_ALL, MasterAnnouncer.NONE,
                slot.counters);
        ClusterNode node = slot.node;
        network.attach(slot.address, (from, message) -> {
            if (slot.scheduler.paused()) {
                slot.backlog.add(new Datagram(from, message));
            } else {
                node.receive(from, message);
            }
        });
        node.start();
    }

    /** Which units each member's applications call busy (carrying sessions); none by default. */
    public void busyUnits(BiPredicate<MemberId, WorkUnit> next) {
        busy = next;
    }

    /**
     * What runs beside each member's node from its next start on: told of its units and members as
     * a protocol is (an incarnation gets a new one, made when it starts; it may use
     * {@link Slot#scheduler()}).
     */
    public void applications(Function<Slot, ClusterApplication> perIncarnation) {
        applications = perIncarnation;
    }

    public void startAll() {
        for (int i = 0; i < slots.size(); i++) {
            start(i);
        }
    }

    /** Member {@code i} dies at once: no messages, no timers, its in-flight datagrams lost. */
    public void crash(int i) {
        Slot slot = slots.get(i);
        network.detach(slot.address);
        if (slot.paused()) {
            slot.scheduler.resume(); // its tasks are cancelled by the stop below
            slot.backlog.clear();
        }
        slot.node.stop();
        slot.node = null;
    }

    /**
     * Member {@code i}'s process stops (SIGSTOP): nothing it would do runs, what reaches it waits in
     * its socket, and the clock goes on. Its peers see a member that fell silent.
     */
    public void pause(int i) {
        Slot slot = slots.get(i);
        if (slot.node == null || slot.paused()) {
            throw new IllegalStateException(slot.id + " is not running");
        }
        slot.scheduler.pause();
    }

    /**
     * Member {@code i}'s process runs again (SIGCONT): it reads its socket's backlog now, in order,
     * and its overdue timers run at the clock's next step, late (see {@link PausableScheduler}).
     */
    public void resume(int i) {
        resume(i, false);
    }

    /**
     * As {@link #resume(int)}, but with {@code timersFirst} the overdue timers run before the
     * backlog is read (the other order a real event loop may take: the observer's watchdog fires
     * while the keepalives that would have reset it still wait in its socket).
     */
    public void resume(int i, boolean timersFirst) {
        Slot slot = slots.get(i);
        if (!slot.paused()) {
            throw new IllegalStateException(slot.id + " is not paused");
        }
        slot.scheduler.resume();
        if (timersFirst) {
            scheduler.runDue();
        }
        List<Datagram> backlog = List.copyOf(slot.backlog);
        slot.backlog.clear();
        backlog.forEach(d -> slot.node.receive(d.from(), d.message()));
    }

    public boolean isRunning(int i) {
        return slots.get(i).node != null;
    }

    /** Offers a packet for {@code unit} to every running master. */
    public void demand(WorkUnit unit) {
        for (Slot slot : slots) {
            if (slot.node != null && slot.node.role() == Role.MASTER) {
                slot.node.demand(unit, unit);
            }
        }
    }

    public void advance(Duration step) {
        scheduler.advance(step);
    }

    /** The running nodes. */
    public List<ClusterNode> running() {
        return slots.stream().filter(s -> s.node != null).map(s -> s.node).toList();
    }
}
