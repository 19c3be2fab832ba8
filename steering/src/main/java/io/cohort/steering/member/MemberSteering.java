package io.cohort.steering.member;

import io.cohort.cluster.link.SecureLink;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.MasterAnnouncer;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.runtime.ClusterMember;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.nfqueue.NfqueueAcceptor;
import io.cohort.dataplane.sockdiag.SockDiagMessages;
import io.cohort.dataplane.sockdiag.TcpSocketDestroyer;
import io.cohort.steering.SteeringMode;
import io.cohort.steering.UnitOwner;
import io.cohort.steering.kernel.KernelFilter;
import io.cohort.steering.kernel.KernelFilterSpec;
import io.cohort.steering.kernel.Nftables;
import io.cohort.steering.kernel.NftablesException;
import io.cohort.steering.link.Frame;
import io.cohort.steering.link.InterfaceIdentity;
import io.cohort.steering.link.InterfacePreparation;
import io.cohort.steering.link.NeighbourCache;
import io.cohort.steering.link.SteeringLink;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pcap4j.util.MacAddress;

/**
 * One member's steering (DESIGN.md, "Steering packets to members"; the patent's figure 9): its
 * interface prepared for the mode, its kernel filter following the units it owns (before it
 * acknowledges them), and while it is master the capture on the LAN interface: ARP answers and
 * gratuitous ARP for the cluster IP, and every packet for the cluster IP classified. In forwarding
 * mode a packet goes to its unit's owner; in every mode a packet whose unit has no acknowledged
 * owner yet goes to the cluster layer, which assigns the unit, holds the packet and hands it back
 * here once the owner has acknowledged (figure 9, 937–943): forwarded to the owner, or written to
 * this member's own kernel when the master took the unit itself.
 *
 * <p>The kernel filter's FIN guard ({@link io.cohort.steering.kernel.KernelRules}) sends PPTP's
 * FIN and RST from the cluster IP through netfilter queue {@value
 * KernelFilterSpec#DEFAULT_FIN_GUARD_QUEUE}, which this member holds from before the filter is
 * installed until after it is removed: while the process runs they pass, once it has died the
 * kernel drops them, so a member killed with its kernel alive does not end the PPTP connections
 * another member took over. <b>Stop order:</b> call {@link #close()} only after the protocols have
 * closed their TCP connections (or handed them over); until then the queue is held and their
 * FINs pass. A process that exits without {@link #close()} leaves the guard in place, and the
 * kernel drops the retransmissions of the FINs it sent last.
 */
public final class MemberSteering implements ClusterApplication, MasterAnnouncer, SecureLink.PacketHandOff,
        AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(MemberSteering.class.getName());
    /** How often the capture's copy of the master's forwarding table is checked for a change. */
    static final Duration TABLE_CHECK = Duration.ofMillis(10);

    /**
     * What steering needs.
     *
     * @param mode the steering mode
     * @param clusterIp the cluster IP
     * @param device the LAN interface
     * @param mac the configured cluster MAC (it must suit the mode); empty for the mode's default
     * @param l2tpPort L2TP's UDP port
     * @param pptpPort PPTP's TCP port
     */
    public record Settings(SteeringMode mode, Inet4Address clusterIp, String device, Optional<MacAddress> mac,
                           int l2tpPort, int pptpPort) {
        public Settings {
            Objects.requireNonNull(mode);
            Objects.requireNonNull(clusterIp);
            Objects.requireNonNull(device);
            Objects.requireNonNull(mac);
        }

        SteeringLink.Config link(MacAddress steeringMac) {
            return new SteeringLink.Config(device, clusterIp, steeringMac, l2tpPort, NeighbourCache.Settings.DEFAULT);
        }
    }

    private final Settings settings;
    private final MemberId self;
    private final MacAddress steeringMac;
    private final InterfacePreparation interfaces;
    private final NfqueueAcceptor finGuard;
    private final Nftables nftables;
    private final KernelFilter kernel;
    private final SelfDelivery selfDelivery;
    private final OwnerTable owners = new OwnerTable();
    private final Counters counters;
    private final RateLimitedLog log;
    private final Counter handOffDropped;
    private volatile ClusterMember member;
    private volatile SteeringLink link;
    private AutoCloseable tableWatch;

    private MemberSteering(Settings settings, MemberId self, MacAddress steeringMac, InterfacePreparation interfaces,
                           NfqueueAcceptor finGuard, Nftables nftables, KernelFilter kernel, SelfDelivery selfDelivery,
                           Counters counters) {
        this.settings = settings;
        this.finGuard = finGuard;
        this.self = self;
        this.steeringMac = steeringMac;
        this.interfaces = interfaces;
        this.nftables = nftables;
        this.kernel = kernel;
        this.selfDelivery = selfDelivery;
        this.counters = counters;
        this.log = RateLimitedLog.standard(LOGGER, Clock.system());
        this.handOffDropped = counters.counter("steering.handoff.dropped");
    }

    /**
     * Prepares this member for steering, in the calling thread's network namespace: the cluster
     * IP on {@code lo} and the interface for the mode, the PPTP connections a killed previous
     * process left behind destroyed, the FIN guard's queue (held before the kernel filter routes
     * packets to it), the kernel filter (owning nothing yet) and the device for held packets. Undoes what it did if a step fails; the message says which.
     */
    public static MemberSteering prepare(Settings settings, MemberId self, Counters counters) throws IOException {
        SteeringMode mode = settings.mode();
        InterfaceIdentity identity = InterfaceIdentity.read(settings.device());
        MacAddress steeringMac = mode.steeringMac(settings.clusterIp(), settings.mac(), identity.mac());
        InterfacePreparation interfaces = mode.prepareInterfaces(settings.device(), settings.clusterIp(), steeringMac);
        NfqueueAcceptor finGuard = null;
        Nftables nftables = null;
        KernelFilter kernel = null;
        try {
            destroyOrphans(settings, counters);
            finGuard = NfqueueAcceptor.bind(KernelFilterSpec.DEFAULT_FIN_GUARD_QUEUE, counters);
            nftables = Nftables.open();
            KernelFilterSpec spec = mode.kernelFilter(new KernelFilterSpec(KernelFilterSpec.DEFAULT_TABLE,
                    settings.clusterIp(), settings.pptpPort(), Optional.empty()), settings.device(), steeringMac)
                    .withFinGuard(KernelFilterSpec.DEFAULT_FIN_GUARD_QUEUE);
            kernel = new KernelFilter(nftables, spec, counters,
                    RateLimitedLog.standard(LOGGER, Clock.system()));
            kernel.install();
            SelfDelivery selfDelivery = SelfDelivery.open(settings.clusterIp());
            LOGGER.log(Level.INFO, "steering: mode {0}, cluster IP {1} on {2}, cluster MAC {3}",
                    mode.configName(), settings.clusterIp().getHostAddress(), settings.device(), steeringMac);
            return new MemberSteering(settings, self, steeringMac, interfaces, finGuard, nftables, kernel, selfDelivery,
                    counters);
        } catch (NftablesException e) {
            closeQuietly(kernel);
            closeQuietly(nftables);
            closeQuietly(finGuard);
            interfaces.close();
            throw new IOException("steering: cannot install the nftables filter (table inet "
                    + KernelFilterSpec.DEFAULT_TABLE + "): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(kernel);
            closeQuietly(nftables);
            closeQuietly(finGuard);
            interfaces.close();
            throw e;
        }
    }

    /**
     * Destroys the PPTP connections of the cluster IP that a killed previous process left in this
     * namespace (every state but LISTEN and TIME_WAIT: FIN-WAIT-1 with its FIN never delivered,
     * mostly), before the FIN guard's queue is bound: other members have taken those connections
     * over, and once the queue is held again their retransmitted FINs would pass and end them, and
     * they hold the PPTP port against the new listener. While the queue has no holder, the guard
     * a previous life installed drops the RST each destruction sends. A kernel that cannot destroy
     * sockets (no CONFIG_INET_DIAG_DESTROY) is reported and steering goes on without.
     */
    private static void destroyOrphans(Settings settings, Counters counters) {
        try {
            int destroyed = TcpSocketDestroyer.destroy(settings.clusterIp(), settings.pptpPort(),
                    SockDiagMessages.LINGERING_STATES);
            counters.counter("steering.fin_guard.orphans_destroyed").add(destroyed);
            LOGGER.log(Level.INFO, "steering: cleared {0} lingering TCP connection(s) of {1}:{2,number,#} "
                    + "left by a previous process", destroyed, settings.clusterIp().getHostAddress(),
                    settings.pptpPort());
        } catch (SystemCallException e) {
            counters.counter("steering.fin_guard.orphans_destroy_failed").increment();
            LOGGER.log(Level.WARNING, "steering: cannot clear the TCP connections a previous process left on "
                    + settings.clusterIp().getHostAddress() + ":" + settings.pptpPort()
                    + " (their FINs may reach PPTP clients once the FIN guard's queue is held): " + e.getMessage());
        }
    }

    /** Starts following {@code member}'s forwarding table (while it is master). */
    public void attach(ClusterMember member) {
        this.member = member;
        this.tableWatch = member.watchForwardingTable(table -> owners.update(table, self), TABLE_CHECK);
    }

    // The cluster layer's events, on its loop.

    @Override
    public void unitsAssigned(Set<WorkUnit> units) {
        kernel.assign(units);
    }

    @Override
    public void unitsRevoked(Set<WorkUnit> units) {
        kernel.revoke(units);
    }

    @Override
    public void roleChanged(Role role) {
        if (role == Role.MASTER) {
            openLink();
        } else {
            closeLink();
        }
    }

    /** Gratuitous ARP for the cluster IP (figure 6, 621 and 637). */
    @Override
    public void announce() {
        SteeringLink l = openLink();
        if (l != null) {
            l.arp().announce();
        }
    }

    /** A packet the master held is for {@code owner} now (figure 9, 943). */
    @Override
    public void deliver(MemberEntry owner, WorkUnit unit, Object packet) {
        if (!(packet instanceof Frame frame)) {
            handOffDropped.increment();
            return;
        }
        if (owner.id().equals(self)) {
            try {
                selfDelivery.deliver(frame.toByteArray());
                counters.counter("steering.handoff.self").increment();
            } catch (IOException e) {
                handOffDropped.increment();
                log.log(Level.WARNING, "steering.self", "steering: cannot hand a held packet of %s to this member's "
                        + "kernel: %s", unit, e.getMessage());
            }
            return;
        }
        SteeringLink l = link;
        if (l == null || !(owner.address().ip() instanceof Inet4Address address)) {
            handOffDropped.increment();
            return;
        }
        l.forwarder().forward(frame, address);
        counters.counter("steering.handoff.forwarded").increment();
    }

    // The capture, on its thread.

    private void steered(WorkUnit unit, Frame frame) {
        ClusterMember m = member;
        if (m == null) {
            return;
        }
        UnitOwner owner = owners.owner(unit);
        switch (owner == null ? settings.mode().captureOfUnowned() : settings.mode().captureOf(owner)) {
            case DEMAND -> m.demand(unit, frame);
            case DEMAND_UNLESS_OWNED -> m.demandUnlessOwned(unit, frame);
            case OWNER_HAS_IT -> { }
            case FORWARD -> {
                SteeringLink l = link;
                if (l != null) {
                    l.forwarder().forward(frame, owner.address().orElseThrow());
                }
            }
            case NO_ADDRESS -> counters.counter("steering.forward.no_address").increment();
        }
    }

    private synchronized SteeringLink openLink() {
        if (link == null) {
            try {
                link = SteeringLink.open(settings.link(steeringMac), this::steered, counters);
                link.arp().enable();
                LOGGER.log(Level.INFO, "steering: master: answering ARP for {0} with {1} on {2}",
                        settings.clusterIp().getHostAddress(), steeringMac, settings.device());
            } catch (IOException e) {
                counters.counter("steering.capture.open_failed").increment();
                log.log(Level.ERROR, "steering.open", "steering: this member is master but cannot capture on %s: %s; "
                        + "clients cannot reach the cluster IP %s", settings.device(), e.getMessage(),
                        settings.clusterIp().getHostAddress());
            }
        }
        return link;
    }

    private synchronized void closeLink() {
        if (link != null) {
            link.close();
            link = null;
            LOGGER.log(Level.INFO, "steering: no longer master: stopped answering ARP for {0}",
                    settings.clusterIp().getHostAddress());
        }
    }

    /**
     * Stops the capture, removes the kernel filter, then releases the FIN guard's queue (in that
     * order: no FIN is queued once the queue is gone), and undoes the interface preparation.
     */
    @Override
    public void close() {
        closeQuietly(tableWatch);
        closeLink();
        selfDelivery.close();
        kernel.close();
        nftables.close();
        finGuard.close();
        interfaces.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "steering: while closing: " + e.getMessage());
        }
    }
}
