package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.TestCluster;
import io.cohort.replication.tls.MemberTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/** A member with a valid certificate that connects to another and writes whatever octets a test gives it. */
final class RogueMember implements AutoCloseable {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final SslHandler ssl;

    RogueMember(TestCluster cluster, String name, MemberId target, InetSocketAddress address) throws Exception {
        MemberTls tls = new MemberTls(cluster.member(name), cluster.ca().certificate(), cluster::verifier,
                (who, refusal) -> { }, new SecureRandom());
        ssl = new SslHandler(tls.clientEngine(target));
        channel = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl);
                    }
                })
                .connect(address).sync().channel();
        ssl.handshakeFuture().sync();
    }

    void send(byte[] octets) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(octets)).syncUninterruptibly();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loops.shutdownGracefully().syncUninterruptibly();
    }
}
