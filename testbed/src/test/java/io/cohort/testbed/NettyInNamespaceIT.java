package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where Netty's sockets live: a channel's socket is created by the thread that calls
 * {@code bind}, so bind from inside the namespace (the event loop's own thread or
 * {@link Netns#runInside}); binding from the test thread lands in the host namespace.
 */
class NettyInNamespaceIT {
    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void channelBoundFromAnEventLoopInsideReceivesFromThePeerNamespace() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Netns server = net.namespace("srv");
            Netns client = net.namespace("cli");
            net.veth(server, "eth0", client, "eth0");
            server.addAddress("eth0", "10.204.0.1/24");
            client.addAddress("eth0", "10.204.0.2/24");

            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, server.threadFactory("netty"), NioIoHandler.newFactory());
            try {
                CompletableFuture<String> received = new CompletableFuture<>();
                Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new ChannelInitializer<NioDatagramChannel>() {
                            @Override
                            protected void initChannel(NioDatagramChannel ch) {
                                ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                                        ByteBuf content = msg.content();
                                        received.complete(content.toString(StandardCharsets.US_ASCII));
                                    }
                                });
                            }
                        });
                // 10.204.0.1 exists only inside the server namespace: binding succeeds only there.
                Channel channel = group.next().submit(() -> bootstrap.bind(new InetSocketAddress("10.204.0.1", 1701)))
                        .get(10, TimeUnit.SECONDS).sync().channel();
                client.doInside(() -> {
                    try (DatagramSocket s = new DatagramSocket()) {
                        byte[] data = "sccrq".getBytes(StandardCharsets.US_ASCII);
                        s.send(new java.net.DatagramPacket(data, data.length, new InetSocketAddress("10.204.0.1", 1701)));
                    }
                });
                assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("sccrq");
                channel.close().sync();

                Channel viaRunInside = server.runInside(() ->
                        bootstrap.bind(new InetSocketAddress("10.204.0.1", 1702)).sync().channel());
                assertThat(((InetSocketAddress) viaRunInside.localAddress()).getPort()).isEqualTo(1702);
                viaRunInside.close().sync();

                assertThatThrownBy(() -> bootstrap.bind(new InetSocketAddress("10.204.0.1", 1703)).sync())
                        .as("bind from the test thread creates the socket in the host namespace")
                        .hasMessageContaining("Cannot assign requested address");
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }
}
