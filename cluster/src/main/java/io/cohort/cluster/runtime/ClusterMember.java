package io.cohort.cluster.runtime;

import io.cohort.cluster.link.LinkSettings;
import io.cohort.cluster.link.SecureLink;
import io.cohort.cluster.link.SharedConfiguration;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterApplications;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.membership.CredentialCheck;
import io.cohort.cluster.membership.DemandOutcome;
import io.cohort.cluster.membership.MasterAnnouncer;
import io.cohort.cluster.membership.NodeSettings;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.transport.ClusterTransport;
import io.cohort.cluster.transport.TransportSettings;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import io.cohort.time.ExecutorScheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One running cluster member: node, secure link and UDP transport on an event loop of their own
 * (one thread, so the node needs no locks), with the system clocks. {@link #start} binds the
 * transport and begins joining (figure 6, 601); {@link #close} leaves (a master telling its members)
 * and releases the loop. A stale configuration is fetched from the member that holds the newer one and handed to
 * the {@link ConfigurationUpdate}; a fetch that fails is logged and the member joins again with
 * what it has (the master then tells it again).
 */
public final class ClusterMember implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(ClusterMember.class.getName());
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    /** Everything a member is started with. */
    public record Settings(NodeSettings node, TransportSettings transport, LinkSettings link, long configVersion) {
    }

    private final EventLoopGroup loops;
    private final EventLoop loop;
    private final ClusterNode node;
    private final SecureLink link;
    private final ClusterTransport transport;
    private final Counters counters;
    private final OwnedUnits owned;

    private ClusterMember(EventLoopGroup loops, EventLoop loop, ClusterNode node, SecureLink link,
                          ClusterTransport transport, Counters counters, OwnedUnits owned) {
        this.loops = loops;
        this.loop = loop;
        this.node = node;
        this.link = link;
        this.transport = transport;
        this.counters = counters;
        this.owned = owned;
    }

    /**
     * Starts a member: binds the transport (in the calling thread's network namespace) and starts
     * joining. {@code applications} are told the node's events (L2TP, PPTP, ...); {@code shared}
     * is the configuration this member hands to members that fetch it.
     */
    public static ClusterMember start(Settings settings, MemberCredential credential, MemberCredentialVerifier verifier,
                                      List<ClusterApplication> applications, Supplier<SharedConfiguration> shared,
                                      ConfigurationUpdate update, MasterAnnouncer announcer,
                                      SecureLink.PacketHandOff handOff, Counters counters) {
        EventLoopGroup loops = ClusterTransport.singleLoop("cohort-cluster");
        EventLoop loop = loops.next();
        try {
            ExecutorScheduler scheduler = new ExecutorScheduler(loop);
            RateLimitedLog log = RateLimitedLog.standard(LOGGER, Clock.system());
            ClusterTransport[] transport = new ClusterTransport[1];
            ClusterNode[] node = new ClusterNode[1];
            SecureLink link = new SecureLink(settings.link(), credential, settings.node().id(), verifier,
                    new TransportDatagrams(() -> transport[0]), scheduler, InstantSource.system(), new SecureRandom(),
                    counters, log, shared, handOff);
            ClusterApplication stale = new ClusterApplication() {
                @Override
                public void configurationStale(MemberAddress source, long version) {
                    LOGGER.log(Level.WARNING, "this member''s configuration (version {0}) is stale: {1} has version {2}; "
                            + "fetching it", node[0].configVersion(), source, version);
                    link.fetchConfiguration(source).whenComplete((fetched, failure) -> loop.execute(() -> {
                        if (failure != null) {
                            LOGGER.log(Level.ERROR, "could not fetch the configuration from " + source + ": "
                                    + failure.getMessage() + "; joining again with version " + node[0].configVersion());
                            node[0].configurationUpdated(node[0].configVersion());
                        } else {
                            update.apply(fetched);
                        }
                    }));
                }
            };
            List<ClusterApplication> all = new ArrayList<>();
            OwnedUnits owned = new OwnedUnits();
            all.add(owned); // first: an application told of a unit finds it served already
            all.add(link);
            all.addAll(applications);
            all.add(stale);
            all.add(new RoleLog(settings.node().id()));
            node[0] = new ClusterNode(settings.node(), settings.configVersion(), new byte[0], scheduler, link,
                    ClusterApplications.of(all), CredentialCheck.ACCEPT_ALL, announcer, counters);
            link.attach(node[0]);
            transport[0] = ClusterTransport.open(settings.transport(), loop,
                    (source, datagram) -> link.receive(new MemberAddress(source.getAddress(), source.getPort()), datagram),
                    counters);
            ClusterMember member = new ClusterMember(loops, loop, node[0], link, transport[0], counters, owned);
            member.onLoop(() -> {
                node[0].start();
                return null;
            });
            LOGGER.log(Level.INFO, "cluster member {0} on {1} ({2}), configuration version {3}: joining",
                    settings.node().id(), settings.transport().localAddress(), settings.transport().mode(),
                    settings.configVersion());
            return member;
        } catch (RuntimeException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /**
     * A packet for {@code unit} reached this member's steering and nobody is known to own the
     * unit: on the master it is assigned on demand and held until the owner acknowledges, then
     * handed to the {@link SecureLink.PacketHandOff} (figure 9, 937–943); a unit that has an
     * acknowledged owner by the time the loop runs this is handed off at once. On any other
     * member the packet is dropped and counted. Returns at once: the node runs on its loop.
     */
    public void demand(WorkUnit unit, Object packet) {
        loop.execute(() -> count(node.demand(unit, packet)));
    }

    /**
     * As {@link #demand}, for steering modes where every member's interface sees every packet: if
     * the unit has an acknowledged owner by the time the loop runs this, that owner received the
     * packet itself and it is dropped here rather than handed off a second time.
     */
    public void demandUnlessOwned(WorkUnit unit, Object packet) {
        loop.execute(() -> {
            if (node.forwardingTable().containsKey(unit)) {
                counters.counter("cluster.demand.owned_meanwhile").increment();
            } else {
                count(node.demand(unit, packet));
            }
        });
    }

    /** Counts what became of a demanded packet; the node itself counts one that reached a non-master. */
    private void count(DemandOutcome outcome) {
        if (outcome != DemandOutcome.DROPPED_NOT_MASTER) {
            counters.counter("cluster.demand." + outcome.name().toLowerCase(Locale.ROOT)).increment();
        }
    }

    /**
     * Calls {@code listener} on the member's loop with {@link ClusterNode#forwardingTable()} now
     * and whenever it changes, checking every {@code period}; the returned handle stops it.
     */
    public AutoCloseable watchForwardingTable(Consumer<SortedMap<WorkUnit, MemberEntry>> listener, Duration period) {
        Object[] last = {null};
        ScheduledFuture<?> task = loop.scheduleAtFixedRate(() -> {
            SortedMap<WorkUnit, MemberEntry> table = node.forwardingTable();
            if (table != last[0]) {
                last[0] = table;
                listener.accept(table);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> task.cancel(false);
    }

    /**
     * Whether this member may serve {@code unit} now: it owns the unit and its lease holds
     * (fencing; README "Fencing"). Any thread, cheap enough for every packet: one volatile read of
     * the owned units and one of the lease, against {@link System#nanoTime()} read now. The
     * protocols ask it before sending anything for a unit, so that a process resuming from a pause
     * sends nothing for units whose lease lapsed meanwhile, even before the cluster loop has run.
     */
    public boolean serves(WorkUnit unit) {
        return owned.contains(unit) && node.leaseValid(System.nanoTime());
    }

    /** Whether this member's lease holds now (fencing): whether it may serve the units it owns. Any thread. */
    public boolean leaseValid() {
        return node.leaseValid(System.nanoTime());
    }

    /** The node's view of the cluster, taken on its loop. */
    public ClusterView view() {
        return onLoop(node::view);
    }

    /**
     * Drains this member ({@code cohort drain}) or ends its drain ({@link ClusterNode#drain}), on
     * its loop: the master moves its units away live and gives it none until the drain ends.
     * Returns whether that changed anything (false if it was already so).
     */
    public boolean drain(boolean on) {
        return onLoop(() -> {
            boolean changed = node.draining() != on;
            node.drain(on);
            return changed;
        });
    }

    /** Whether this member is being drained ({@link #drain}), read on its loop. */
    public boolean draining() {
        return onLoop(node::draining);
    }

    public Counters counters() {
        return counters;
    }

    /** A new CRL: joins and signed messages are checked against it from now on. */
    public void replaceVerifier(MemberCredentialVerifier verifier) {
        loop.execute(() -> link.replaceVerifier(verifier));
    }

    /**
     * Leaves the cluster ({@link ClusterNode#leave}: a master tells its members, which elect the
     * next one at once; a member lets go of its units and tells its master, which moves them at
     * once) and stops the loop.
     */
    @Override
    public void close() {
        try {
            onLoop(() -> {
                node.leave();
                return null;
            });
        } catch (IllegalStateException e) {
            LOGGER.log(Level.WARNING, "cluster member did not stop cleanly: " + e.getMessage());
        }
        transport.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onLoop(Supplier<T> task) {
        if (loop.inEventLoop()) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the cluster loop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster loop did not answer: " + e, e);
        }
    }
}
