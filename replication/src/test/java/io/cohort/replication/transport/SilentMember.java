package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.TestCluster;
import io.cohort.replication.tls.MemberTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A member that completes the TLS handshake with a valid certificate, then reads and answers
 * nothing: what a peer looks like that hangs, or vanished behind a connection nobody closed.
 */
final class SilentMember implements AutoCloseable {
    private final MemberId id;
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicInteger connections = new AtomicInteger();
    private final Channel server;

    SilentMember(TestCluster cluster, String name) {
        id = MemberId.of(name);
        MemberTls tls = new MemberTls(cluster.member(name), cluster.ca().certificate(), cluster::verifier,
                (who, refusal) -> { }, new SecureRandom());
        server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new SslHandler(tls.serverEngine()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object message) {
                                ((ByteBuf) message).release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    MemberId id() {
        return id;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully().syncUninterruptibly();
    }
}
