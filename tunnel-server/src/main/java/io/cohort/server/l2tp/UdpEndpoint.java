package io.cohort.server.l2tp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * The L2TP UDP socket as a Netty datagram channel on the engine's event loop (epoll where
 * available, NIO otherwise). Each datagram is copied out of Netty's buffer and handed to the
 * engine on the loop thread; engines send with {@link #send}, also on the loop thread. The engines
 * never see Netty.
 */
final class UdpEndpoint implements AutoCloseable {
    private static final int SOCKET_BUFFER = 4 << 20;

    private final Channel channel;

    private UdpEndpoint(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds {@code local} on {@code loop}; {@code onDatagram} runs on the loop with a buffer it may
     * keep. The socket is created in the calling thread's network namespace.
     */
    static UdpEndpoint bind(EventLoop loop, InetSocketAddress local, BiConsumer<InetSocketAddress, ByteBuffer> onDatagram,
                            Counters counters, RateLimitedLog log) throws InterruptedException {
        Class<? extends DatagramChannel> type = Epoll.isAvailable() ? EpollDatagramChannel.class
                : NioDatagramChannel.class;
        Channel ch = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(new Inbound(onDatagram, counters, log))
                .bind(local).sync().channel();
        // The kernel caps SO_RCVBUF at net.core.rmem_max without a word; a small buffer overflows
        // when thousands of clients reconnect at once (set-up bursts), so tell the operator.
        int granted = ch.config().getOption(ChannelOption.SO_RCVBUF);
        if (granted < SOCKET_BUFFER) {
            log.log(Level.WARNING, "udp.rcvbuf", "L2TP socket receive buffer is %d KiB, not the %d KiB asked for: "
                    + "raise sysctl net.core.rmem_max to absorb set-up bursts", granted >> 10, SOCKET_BUFFER >> 10);
        }
        return new UdpEndpoint(ch);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Completes when the socket is closed, whether by {@link #close} or by an error. */
    io.netty.channel.ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Sends {@code datagram} (position to limit, copied; the caller may reuse it) to {@code peer}. */
    void send(InetSocketAddress peer, ByteBuffer datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(datagram), peer), channel.voidPromise());
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final BiConsumer<InetSocketAddress, ByteBuffer> onDatagram;
        private final Counter errors;
        private final RateLimitedLog log;

        Inbound(BiConsumer<InetSocketAddress, ByteBuffer> onDatagram, Counters counters, RateLimitedLog log) {
            this.onDatagram = onDatagram;
            this.errors = counters.counter("udp.errors");
            this.log = log;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            ByteBuffer copy = ByteBuffer.allocate(content.readableBytes());
            content.getBytes(content.readerIndex(), copy);
            onDatagram.accept(packet.sender(), copy.flip());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.increment();
            log.log(Level.WARNING, "udp.error", "L2TP socket: %s", cause);
        }
    }
}
