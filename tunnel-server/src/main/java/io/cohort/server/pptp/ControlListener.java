package io.cohort.server.pptp;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The PPTP control listener: a Netty TCP server socket (epoll where available, NIO otherwise)
 * whose accepted connections all live on the engine's event loop, so the control connections,
 * their calls and the PPP links share one thread. Each connection gets a {@link Connection} from
 * the {@link Acceptor}; octets are copied out of Netty's buffers before the engine sees them.
 *
 * <p>Bounds against garbage and stalled peers: the control connection's framer holds at most one
 * message (220 octets) and closes on any framing error; its set-up and echo timers close a silent
 * peer; and a peer that stops reading our messages is cut off as soon as more than
 * {@link #WRITE_HIGH_WATER} octets wait for it ({@code pptp.tcp.closed.not_reading}). An I/O
 * error closes the connection ({@code pptp.tcp.errors}); any other exception reaching the
 * pipeline is a bug, closes it too, and is counted apart ({@code pptp.tcp.internal_errors}) and
 * logged with its stack trace.
 */
final class ControlListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlListener.class.getName());
    /** A control connection's replies are a few hundred octets; this much unread means a stalled peer. */
    static final int WRITE_HIGH_WATER = 16 * 1024;

    /** One accepted TCP connection as the engine sees it. */
    interface Connection {
        void receive(ByteBuffer chunk);

        void closed(String reason);
    }

    /** Creates the engine side of an accepted connection, or refuses it (closed at once). */
    interface Acceptor {
        /** Null to refuse ({@code pptp.tcp.refused}). */
        Connection accept(Channel channel);
    }

    private final Channel serverChannel;

    private ControlListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /** Binds {@code local} in the calling thread's network namespace; connections run on {@code loop}. */
    static ControlListener bind(EventLoop loop, InetSocketAddress local, Acceptor acceptor, Counters counters,
                                RateLimitedLog log) throws InterruptedException {
        // With epoll, IPv4 sockets, not dual-stack ones: the TCP connection's replicated state (TCP_REPAIR)
        // names IPv4 endpoints, as the cluster IP is one.
        ChannelFactory<ServerSocketChannel> type = Epoll.isAvailable()
                ? () -> new EpollServerSocketChannel(SocketProtocolFamily.INET)
                : NioServerSocketChannel::new;
        // SO_REUSEADDR: a member restarted after a crash binds beside its dead process's connections,
        // which linger in FIN-WAIT (their FIN never leaves: steering's FIN guard) until they time out.
        ChannelFuture bound = new ServerBootstrap().group(loop, loop).channelFactory(type)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_HIGH_WATER / 2, WRITE_HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(inbound(acceptor, counters, log));
                    }
                })
                .bind(local).sync();
        return new ControlListener(bound.channel());
    }

    /** The pipeline's handler of one connection, with the listener's counters. */
    static Inbound inbound(Acceptor acceptor, Counters counters, RateLimitedLog log) {
        return new Inbound(acceptor, counters.counter("pptp.tcp.refused"),
                counters.counter("pptp.tcp.closed.not_reading"), counters.counter("pptp.tcp.errors"),
                counters.counter("pptp.tcp.internal_errors"), log);
    }

    /**
     * Sets up a channel made elsewhere (a TCP connection restored from another member's state)
     * as the listener sets up those it accepts: the same options and handler. Register it on the
     * engine loop next; the handler then asks {@code acceptor} for its engine side.
     */
    static void adopt(Channel channel, Acceptor acceptor, Counters counters, RateLimitedLog log) {
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(WRITE_HIGH_WATER / 2, WRITE_HIGH_WATER));
        channel.pipeline().addLast(inbound(acceptor, counters, log));
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Completes when the listening socket is closed, whether by {@link #close} or by an error. */
    ChannelFuture closeFuture() {
        return serverChannel.closeFuture();
    }

    /** Stops accepting; accepted connections are the acceptor's to close. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    /** Package-private for its unit test. */
    static final class Inbound extends ChannelInboundHandlerAdapter {
        private final Acceptor acceptor;
        private final Counter refused;
        private final Counter notReading;
        private final Counter errors;
        private final Counter internalErrors;
        private final RateLimitedLog log;
        private Connection connection;

        Inbound(Acceptor acceptor, Counter refused, Counter notReading, Counter errors, Counter internalErrors,
                RateLimitedLog log) {
            this.acceptor = acceptor;
            this.refused = refused;
            this.notReading = notReading;
            this.errors = errors;
            this.internalErrors = internalErrors;
            this.log = log;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connection = acceptor.accept(ctx.channel());
            if (connection == null) {
                refused.increment();
                ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (connection != null && ctx.channel().isActive()) {
                    ByteBuffer copy = ByteBuffer.allocate(in.readableBytes());
                    in.getBytes(in.readerIndex(), copy);
                    connection.receive(copy.flip());
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (!ctx.channel().isWritable()) {
                notReading.increment();
                log.log(Level.WARNING, "pptp.tcp.not_reading", "PPTP peer %s does not read; closing",
                        ctx.channel().remoteAddress());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != null) {
                Connection c = connection;
                connection = null;
                c.closed("TCP connection closed");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                errors.increment(); // the peer's doing: a reset, a timeout
                log.log(Level.INFO, "pptp.tcp.error", "PPTP connection %s: %s", ctx.channel().remoteAddress(), cause);
            } else {
                // Our doing: bad input must end as a counted drop inside the control connection,
                // never as an exception. The connection cannot be trusted any more: closed.
                internalErrors.increment();
                LOG.log(Level.ERROR, "PPTP connection " + ctx.channel().remoteAddress() + ": internal error, closing",
                        cause);
            }
            ctx.close();
        }
    }
}
