package io.cohort.cluster.transport;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A member's UDP endpoint on the cluster network: {@link #send} to one member, {@link #broadcast}
 * to all the others, and a {@link DatagramReceiver} for what arrives. The bytes are opaque here;
 * the codec and the sealing sit above.
 *
 * <p>Every datagram leaves from one socket bound to {@code bindAddress:port}, so a receiver sees
 * the sender's cluster address as the source. In multicast and broadcast modes a second socket,
 * bound to the group (or broadcast) address and the same port with SO_REUSEADDR, receives what is
 * sent to all: binding it to that address rather than the wildcard keeps unicast and group traffic
 * apart, so each datagram is delivered once, and lets several members share a host. Multicast is
 * sent with TTL 1 (the cluster is one link) and loopback off; a broadcast always comes back to its
 * sender, and such echoes (source = our own address) are dropped and counted.
 *
 * <p>The sockets are created in the calling thread's network namespace. Receiving counts
 * {@code cluster.transport.rx.datagrams}, drops and counts datagrams over
 * {@link TransportSettings#maxDatagram} ({@code rx.too_big}) and our echoes ({@code rx.echoes});
 * sending counts {@code tx.datagrams} and failed sends {@code tx.errors}; {@code rx.octets} and
 * {@code tx.octets} count UDP payload octets.
 */
public final class ClusterTransport implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(ClusterTransport.class.getName());

    private final TransportSettings settings;
    private final Channel unicast;
    private final Channel group; // null in static-peers mode
    private final EventLoopGroup ownedLoops; // null when the caller gave the loop
    private final List<InetSocketAddress> broadcastTargets;
    private final Counter txDatagrams;
    private final Counter txOctets;
    private final Counter txErrors;
    private final RateLimitedLog log;

    private ClusterTransport(TransportSettings settings, Channel unicast, Channel group, EventLoopGroup ownedLoops,
                             Counters counters, RateLimitedLog log) {
        this.settings = settings;
        this.unicast = unicast;
        this.group = group;
        this.ownedLoops = ownedLoops;
        this.broadcastTargets = settings.mode() == TransportMode.STATIC_PEERS ? settings.otherPeers()
                : List.of(settings.groupDestination());
        this.txDatagrams = counters.counter("cluster.transport.tx.datagrams");
        this.txOctets = counters.counter("cluster.transport.tx.octets");
        this.txErrors = counters.counter("cluster.transport.tx.errors");
        this.log = log;
    }

    /** Opens the transport on an event loop of its own (one thread), which {@link #close} stops. */
    public static ClusterTransport open(TransportSettings settings, DatagramReceiver receiver, Counters counters) {
        EventLoopGroup loops = singleLoop("cohort-cluster-transport");
        try {
            return open(settings, loops.next(), loops, receiver, counters);
        } catch (RuntimeException e) {
            loops.shutdownGracefully().syncUninterruptibly();
            throw e;
        }
    }

    /**
     * One event loop thread named {@code name} of the kind the transport needs: epoll where
     * available, NIO otherwise. For callers that run more than the transport on it (a member).
     */
    public static EventLoopGroup singleLoop(String name) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Opens the transport on {@code loop}, which the caller owns and must be an epoll loop where
     * {@link Epoll#isAvailable()}, NIO otherwise (as tunnel-server's engine loop is).
     */
    public static ClusterTransport open(TransportSettings settings, EventLoop loop, DatagramReceiver receiver,
                                        Counters counters) {
        return open(settings, loop, null, receiver, counters);
    }

    private static ClusterTransport open(TransportSettings settings, EventLoop loop, EventLoopGroup ownedLoops,
                                         DatagramReceiver receiver, Counters counters) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(receiver, "receiver");
        RateLimitedLog log = RateLimitedLog.standard(LOGGER, Clock.system());
        Inbound inbound = new Inbound(settings, receiver, counters, log);
        // Resolved here, on the caller's thread, so that the name is looked up in its namespace.
        NetworkInterface networkInterface = settings.mode() == TransportMode.MULTICAST
                ? interfaceNamed(settings.interfaceName()) : null;

        Bootstrap unicastBootstrap = bootstrap(settings, loop, inbound);
        switch (settings.mode()) {
            case MULTICAST -> unicastBootstrap
                    .option(ChannelOption.IP_MULTICAST_IF, networkInterface)
                    .option(ChannelOption.IP_MULTICAST_TTL, 1)
                    .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, true);
            case BROADCAST -> unicastBootstrap.option(ChannelOption.SO_BROADCAST, true);
            case STATIC_PEERS -> { }
        }
        Channel unicast = bind(unicastBootstrap, settings.localAddress(), "this member's address");
        Channel group = null;
        try {
            if (settings.mode() != TransportMode.STATIC_PEERS) {
                Bootstrap groupBootstrap = bootstrap(settings, loop, inbound).option(ChannelOption.SO_REUSEADDR, true);
                group = bind(groupBootstrap, settings.groupDestination(),
                        settings.mode() == TransportMode.MULTICAST ? "the multicast group" : "the broadcast address");
                if (settings.mode() == TransportMode.MULTICAST) {
                    ChannelFuture joined = ((DatagramChannel) group)
                            .joinGroup(settings.groupDestination(), networkInterface).awaitUninterruptibly();
                    if (!joined.isSuccess()) {
                        throw new IllegalStateException("cluster transport: cannot join multicast group "
                                + settings.groupAddress().getHostAddress() + " on " + settings.interfaceName() + ": "
                                + joined.cause(), joined.cause());
                    }
                }
            }
        } catch (RuntimeException e) {
            unicast.close().syncUninterruptibly();
            if (group != null) {
                group.close().syncUninterruptibly();
            }
            throw e;
        }
        warnIfBufferShort(unicast, settings, log);
        return new ClusterTransport(settings, unicast, group, ownedLoops, counters, log);
    }

    /** Sends {@code datagram} to all the other members, as the mode does it. */
    public void broadcast(byte[] datagram) {
        checkSize(datagram);
        for (InetSocketAddress target : broadcastTargets) {
            write(target, datagram);
        }
    }

    /** Sends {@code datagram} to one member (its address and port). */
    public void send(InetSocketAddress member, byte[] datagram) {
        Objects.requireNonNull(member, "member");
        checkSize(datagram);
        write(member, datagram);
    }

    /** This member's address and port, the source of every datagram it sends. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) unicast.localAddress();
    }

    public TransportSettings settings() {
        return settings;
    }

    /** Closes the sockets (releasing the port) and, if the transport owns it, stops its event loop. */
    @Override
    public void close() {
        unicast.close().syncUninterruptibly();
        if (group != null) {
            group.close().syncUninterruptibly();
        }
        if (ownedLoops != null) {
            ownedLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void checkSize(byte[] datagram) {
        Objects.requireNonNull(datagram, "datagram");
        if (datagram.length > settings.maxDatagram()) {
            throw new IllegalArgumentException("cluster transport: a datagram of " + datagram.length
                    + " bytes exceeds the bound of " + settings.maxDatagram());
        }
    }

    private void write(InetSocketAddress target, byte[] datagram) {
        unicast.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram.clone()), target))
                .addListener(future -> {
                    if (future.isSuccess()) {
                        txDatagrams.increment();
                        txOctets.add(datagram.length);
                    } else {
                        txErrors.increment();
                        log.log(Level.WARNING, "cluster.transport.tx", "cluster transport: send to %s failed: %s",
                                target, future.cause());
                    }
                });
    }

    private static Bootstrap bootstrap(TransportSettings settings, EventLoop loop, Inbound inbound) {
        // IPv4 sockets explicitly: Netty's default is a dual-stack IPv6 socket, on which the IPv4
        // multicast options would not apply.
        ChannelFactory<DatagramChannel> factory = Epoll.isAvailable()
                ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
                : () -> new NioDatagramChannel(SocketProtocolFamily.INET);
        return new Bootstrap().group(loop).channelFactory(factory)
                .option(ChannelOption.SO_RCVBUF, settings.socketBuffer())
                .option(ChannelOption.SO_SNDBUF, settings.socketBuffer())
                // One byte more than the bound: a datagram that fills the buffer was too big (the
                // kernel truncated it), which is how too-big datagrams are told apart.
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.maxDatagram() + 1))
                .handler(inbound);
    }

    private static Channel bind(Bootstrap bootstrap, InetSocketAddress address, String what) {
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cluster transport: cannot bind " + what + " " + address + ": "
                    + bound.cause(), bound.cause());
        }
        return bound.channel();
    }

    private static NetworkInterface interfaceNamed(String name) {
        try {
            NetworkInterface found = NetworkInterface.getByName(name);
            if (found == null) {
                throw new IllegalStateException("cluster transport: no network interface named " + name);
            }
            return found;
        } catch (SocketException e) {
            throw new UncheckedIOException("cluster transport: cannot look up interface " + name, e);
        }
    }

    private static void warnIfBufferShort(Channel channel, TransportSettings settings, RateLimitedLog log) {
        // The kernel caps SO_RCVBUF at net.core.rmem_max without a word: tell the operator.
        int granted = channel.config().getOption(ChannelOption.SO_RCVBUF);
        if (granted < settings.socketBuffer()) {
            log.log(Level.WARNING, "cluster.transport.rcvbuf", "cluster transport: receive buffer is %d KiB, not the "
                    + "%d KiB asked for; raise sysctl net.core.rmem_max", granted >> 10, settings.socketBuffer() >> 10);
        }
    }

    /** Shared by both sockets (they are on one loop): counts, filters, copies and hands over. */
    @Sharable
    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress self;
        private final int maxDatagram;
        private final DatagramReceiver receiver;
        private final Counter rxDatagrams;
        private final Counter rxOctets;
        private final Counter rxTooBig;
        private final Counter rxEchoes;
        private final Counter rxErrors;
        private final RateLimitedLog log;

        Inbound(TransportSettings settings, DatagramReceiver receiver, Counters counters, RateLimitedLog log) {
            this.self = settings.localAddress();
            this.maxDatagram = settings.maxDatagram();
            this.receiver = receiver;
            this.rxDatagrams = counters.counter("cluster.transport.rx.datagrams");
            this.rxOctets = counters.counter("cluster.transport.rx.octets");
            this.rxTooBig = counters.counter("cluster.transport.rx.too_big");
            this.rxEchoes = counters.counter("cluster.transport.rx.echoes");
            this.rxErrors = counters.counter("cluster.transport.rx.errors");
            this.log = log;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress source = packet.sender();
            ByteBuf content = packet.content();
            if (self.equals(source)) {
                rxEchoes.increment();
                return;
            }
            if (content.readableBytes() > maxDatagram) {
                rxTooBig.increment();
                log.log(Level.WARNING, "cluster.transport.too_big",
                        "cluster transport: dropped a datagram over %d bytes from %s", maxDatagram, source);
                return;
            }
            rxDatagrams.increment();
            rxOctets.add(content.readableBytes());
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            receiver.received(source, bytes);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            rxErrors.increment();
            log.log(Level.WARNING, "cluster.transport.rx", "cluster transport: receive failed: %s", cause);
        }
    }
}
