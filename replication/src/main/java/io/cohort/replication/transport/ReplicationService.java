package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.replication.sync.OwnStateTable;
import io.cohort.replication.tls.MemberTls;
import io.cohort.replication.wire.ReplicationFrameCodec;
import io.cohort.telemetry.Counters;
import io.cohort.time.ExecutorScheduler;
import io.cohort.time.Scheduler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A member's state replication (replication/README.md): it keeps the latest state of the units it
 * owns ({@link #put}, {@link #remove}) and pushes it to every peer over one TLS 1.3 connection per
 * peer, which it opens and re-opens with backoff; peers' connections to it bring their state into
 * the {@link ReplicaStore}. {@link #flushed} completes once every peer has everything put before.
 *
 * <p>{@code put} and {@code remove} never block: they record the state and mark it dirty for each
 * connected peer; each connection's event loop sends what is dirty when it can (patent, figure 7:
 * essential state sent on each change, the latest one only).
 */
public final class ReplicationService implements UnitStatePublisher, AutoCloseable {
    private final MemberId self;
    private final ReplicationSettings settings;
    private final MemberTls tls;
    private final OwnStateTable own;
    private final ReplicationTelemetry telemetry;
    private final IncomingReplicas incoming;
    private final ReplicaStore replicas;
    private final EventLoopGroup loops;
    private final Scheduler scheduler;
    private final Channel server;
    private final SplittableRandom seeds = new SplittableRandom();
    private final Map<MemberId, PeerLink> links = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    private ReplicationService(MemberId self, ReplicationSettings settings, MemberTls tls, ReplicaStore replicas,
                               ReplicationTelemetry telemetry, EventLoopGroup loops, Scheduler scheduler) {
        this.self = self;
        this.settings = settings;
        this.tls = tls;
        this.telemetry = telemetry;
        this.incoming = new IncomingReplicas(tls, replicas, telemetry);
        this.replicas = replicas;
        // Epochs follow the wall clock across members (replication/README.md, "Ownership epochs").
        this.own = new OwnStateTable(self, replicas, ReplicationService::wallClockMicros);
        this.loops = loops;
        this.scheduler = scheduler;
        this.server = bind();
    }

    /**
     * Starts listening at {@code settings.listen()} with its own event loop thread, whose clock
     * times reconnects and log budgets.
     *
     * @param self       this member (the CN of {@code credential})
     * @param ca         the cluster CA certificate
     * @param verifier   the current verifier of member certificates (a new CRL makes a new one)
     * @param replicas   where other members' state goes
     */
    public static ReplicationService start(MemberId self, ReplicationSettings settings, MemberCredential credential,
                                           X509CertificateHolder ca, Supplier<MemberCredentialVerifier> verifier,
                                           ReplicaStore replicas, Counters counters) {
        return start(self, settings, credential, ca, verifier, replicas, counters, ExecutorScheduler::new);
    }

    /**
     * As {@link #start(MemberId, ReplicationSettings, MemberCredential, X509CertificateHolder,
     * Supplier, ReplicaStore, Counters)}, with reconnect delays timed and log budgets clocked by
     * {@code timers} (given the event loop; its tasks may run on any thread).
     */
    public static ReplicationService start(MemberId self, ReplicationSettings settings, MemberCredential credential,
                                           X509CertificateHolder ca, Supplier<MemberCredentialVerifier> verifier,
                                           ReplicaStore replicas, Counters counters,
                                           Function<EventLoop, Scheduler> timers) {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cohort-replication"),
                NioIoHandler.newFactory());
        try {
            Scheduler scheduler = timers.apply(loops.next());
            ReplicationTelemetry telemetry = new ReplicationTelemetry(counters, scheduler);
            MemberTls tls = new MemberTls(credential, ca, verifier, telemetry, new SecureRandom());
            return new ReplicationService(self, settings, tls, replicas, telemetry, loops, scheduler);
        } catch (RuntimeException e) {
            loops.shutdownGracefully();
            throw e;
        }
    }

    private static long wallClockMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private Channel bind() {
        ChannelFuture bound = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.lowWaterMark(), settings.highWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = new SslHandler(tls.serverEngine());
                        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
                        ch.pipeline().addLast(ssl,
                                new FrameDecoder(telemetry.framesIn, telemetry.bytesIn,
                                        (ctx, fault, detail) -> telemetry.malformed(ctx.channel().remoteAddress(), fault, detail)),
                                incoming.handler());
                    }
                })
                .bind(settings.listen());
        if (!bound.awaitUninterruptibly().isSuccess()) {
            throw new UncheckedIOException(new IOException("replication cannot listen on " + settings.listen(), bound.cause()));
        }
        return bound.channel();
    }

    /** Where peers reach this member (the actual port when the settings asked for port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void put(WorkUnit unit, StateKey key, byte[] state) {
        if (state.length > ReplicationFrameCodec.MAX_STATE) {
            throw new IllegalArgumentException("state of " + state.length + " B is over " + ReplicationFrameCodec.MAX_STATE);
        }
        own.put(new UnitKey(unit, key), state);
    }

    @Override
    public void remove(WorkUnit unit, StateKey key) {
        own.remove(new UnitKey(unit, key));
    }

    /**
     * This member no longer owns {@code units}: it stops publishing their state, without telling
     * anyone (their new owner publishes them anew), and keeps its last state of them among its
     * replicas, should they come back to it before anyone else published them.
     */
    @Override
    public void forget(Set<WorkUnit> units) {
        own.release(Set.copyOf(units));
    }

    /**
     * Which units this member serves now (the cluster member's {@code serves}: owned under a valid
     * lease): only those take a newer epoch when another member published them under a newer one
     * (replication/README.md, "Ownership epochs"). Until set, every unit published for counts.
     */
    public void servedWhile(java.util.function.Predicate<WorkUnit> serves) {
        own.servedWhile(serves);
    }

    /**
     * The members to send state to and where they listen, all of them, each time membership
     * changes: new ones are connected to, moved ones reconnected, absent ones dropped (their
     * connection closes and barriers stop waiting for them). This member itself is ignored.
     */
    public synchronized void peers(Map<MemberId, InetSocketAddress> peers) {
        if (closed) {
            return;
        }
        var gone = links.entrySet().iterator();
        while (gone.hasNext()) {
            var link = gone.next();
            if (!peers.containsKey(link.getKey())) {
                link.getValue().close();
                gone.remove();
            }
        }
        peers.forEach((member, address) -> {
            if (member.equals(self)) {
                return;
            }
            PeerLink link = links.get(member);
            if (link == null) {
                link = new PeerLink(member, address, loops.next(), scheduler, tls, settings, telemetry, own, seeds.nextLong());
                links.put(member, link);
                link.start();
            } else {
                link.moveTo(address);
            }
        });
    }

    /**
     * Completes once every current peer acknowledged everything put before this call: the state
     * of a unit is handed over, then its ownership (a live move). A peer not connected makes it
     * wait until it is, or until it is no longer a peer. Completes on a replication thread: chain
     * with an executor of your own.
     */
    public CompletionStage<Void> flushed() {
        CompletableFuture<?>[] barriers;
        synchronized (this) {
            barriers = links.values().stream().map(PeerLink::barrier).toArray(CompletableFuture[]::new);
        }
        return CompletableFuture.allOf(barriers);
    }

    /**
     * Whether every current peer's snapshot arrived here: what they published so far is in the
     * store, so that this member can take their units over. False while a member that just joined
     * (or restarted) waits for its peers to connect to it.
     */
    public synchronized boolean replicasComplete() {
        return incoming.snapshotFrom(links.keySet());
    }

    public synchronized ReplicationStatus status() {
        return new ReplicationStatus(own.size(),
                links.values().stream().map(PeerLink::status).sorted((a, b) -> a.member().compareTo(b.member())).toList(),
                incoming.origins());
    }

    /**
     * Closes the connection to {@code peer} as a network failure would: it is opened again and
     * starts with a full snapshot (a way to force a resynchronisation).
     */
    public synchronized void resynchronise(MemberId peer) {
        PeerLink link = links.get(peer);
        if (link == null) {
            throw new IllegalArgumentException(peer + " is not a peer");
        }
        link.dropConnection();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            links.values().forEach(PeerLink::close);
            links.clear();
        }
        server.close().syncUninterruptibly();
        incoming.closeAll();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "ReplicationService[" + self + " at " + localAddress() + "]";
    }
}
