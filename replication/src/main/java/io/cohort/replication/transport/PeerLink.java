package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.sync.FrameSink;
import io.cohort.replication.sync.OwnStateTable;
import io.cohort.replication.sync.PeerOutbox;
import io.cohort.replication.sync.ReconnectBackoff;
import io.cohort.replication.tls.MemberTls;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * This member's connection to one peer, over which it sends its own state: opened, re-opened
 * with backoff after each loss, closed when the peer leaves. Only barrier acknowledgements come
 * back on it. Everything but the constructor's callers runs on {@code loop}.
 */
final class PeerLink {
    private final MemberId peer;
    private final EventLoop loop;
    private final Scheduler scheduler;
    private final MemberTls tls;
    private final ReplicationSettings settings;
    private final ReplicationTelemetry telemetry;
    private final PeerOutbox outbox;
    private final ReconnectBackoff backoff;
    private final LongAdder bytesSent = new LongAdder();
    private volatile InetSocketAddress address;

    // The loop only.
    private Channel channel; // the current attempt or connection
    private ChannelFrameSink sink; // non-null once TLS is up on channel
    private Timer retry = Timer.NONE;
    private boolean closed;
    private boolean everConnected;

    PeerLink(MemberId peer, InetSocketAddress address, EventLoop loop, Scheduler scheduler, MemberTls tls,
             ReplicationSettings settings, ReplicationTelemetry telemetry, OwnStateTable table, long backoffSeed) {
        this.peer = peer;
        this.address = address;
        this.loop = loop;
        this.scheduler = scheduler;
        this.tls = tls;
        this.settings = settings;
        this.telemetry = telemetry;
        this.outbox = new PeerOutbox(table, this::wakeUp);
        this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax(), backoffSeed);
    }

    void start() {
        loop.execute(this::connect);
    }

    /** The peer is now at {@code newAddress}: a connection elsewhere is closed and re-opened there. */
    void moveTo(InetSocketAddress newAddress) {
        loop.execute(() -> {
            if (!newAddress.equals(address)) {
                address = newAddress;
                if (channel != null) {
                    channel.close();
                }
            }
        });
    }

    /** The peer left: the connection closes and barriers waiting for it complete. */
    void close() {
        loop.execute(() -> {
            closed = true;
            retry.cancel();
            if (channel != null) {
                channel.close();
            }
            outbox.close();
        });
    }

    CompletableFuture<Void> barrier() {
        return outbox.barrier();
    }

    ReplicationStatus.PeerStatus status() {
        return new ReplicationStatus.PeerStatus(peer, address, outbox.isConnected(), outbox.dirtyKeys(), bytesSent.sum());
    }

    /** Closes the current connection as if it had failed; the next one starts with a snapshot. */
    void dropConnection() {
        loop.execute(() -> {
            if (channel != null) {
                channel.close();
            }
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelFuture attempt = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.lowWaterMark(), settings.highWaterMark()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.handshakeTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = new SslHandler(tls.clientEngine(peer));
                        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
                        ch.pipeline().addLast(ssl,
                                new IdleStateHandler(settings.probeInterval().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                                new FrameDecoder(telemetry.framesIn, telemetry.bytesIn,
                                        (ctx, fault, detail) -> telemetry.malformed(ctx.channel().remoteAddress(), fault, detail)),
                                new Acknowledgements());
                    }
                })
                .connect(address);
        Channel attempted = attempt.channel();
        channel = attempted;
        attempt.addListener(f -> {
            if (!f.isSuccess()) {
                telemetry.connectFailures.increment();
            }
        });
        attempted.closeFuture().addListener(f -> closedConnection(attempted));
    }

    private void established(Channel ch) {
        if (ch != channel) {
            ch.close();
            return;
        }
        if (everConnected) {
            telemetry.reconnects.increment();
        }
        telemetry.established(peer, ch.remoteAddress(), everConnected);
        everConnected = true;
        telemetry.connected.increment();
        backoff.reset();
        sink = new ChannelFrameSink(ch, telemetry.framesOut, telemetry.bytesOut, telemetry.snapshotsOut, bytesSent);
        outbox.connected();
    }

    private void closedConnection(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        sink = null;
        outbox.disconnected();
        if (!closed) {
            retry = scheduler.schedule(backoff.next(), () -> loop.execute(this::connect));
        }
    }

    /** Called by the outbox from any thread, at most once until the drain it asks for runs. */
    private void wakeUp() {
        long delay = settings.coalesceDelay().toNanos();
        if (delay == 0) {
            loop.execute(this::drain);
        } else {
            loop.schedule(this::drain, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void drain() {
        outbox.drain(sink != null ? sink : FrameSink.DISCONNECTED);
    }

    /**
     * The peer's side of our connection: barrier acknowledgements, and the connection's life. The
     * peer only ever answers barriers, so silence is normal; after {@code probeInterval} of it a
     * barrier probes the peer, and {@code unansweredProbes} probes without an answer mean the peer
     * is gone without having closed the connection (TCP would notice only after minutes).
     */
    private final class Acknowledgements extends ChannelInboundHandlerAdapter {
        private int unansweredProbes;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                established(ctx.channel());
            } else if (event instanceof IdleStateEvent && ctx.channel() == channel && sink != null) {
                if (unansweredProbes == settings.unansweredProbes()) {
                    telemetry.unanswered(peer, unansweredProbes);
                    ctx.close();
                } else {
                    unansweredProbes++;
                    outbox.barrier();
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            unansweredProbes = 0;
            if (message instanceof ReplicationFrame.BarrierAck ack) {
                outbox.acknowledged(ack.sequence());
            } else if (message instanceof ReplicationFrame.Outbid outbid) {
                outbid(ctx, outbid);
            } else {
                telemetry.violation(peer, "a " + ((ReplicationFrame) message).kind() + " frame on the connection we send on");
                ctx.close();
            }
        }

        /** Another member owns the unit under a newer epoch: take a newer one, now or once the hold is over. */
        private void outbid(ChannelHandlerContext ctx, ReplicationFrame.Outbid outbid) {
            long wait = outbox.outbid(outbid.unit(), outbid.epoch());
            if (wait > 0) {
                ctx.executor().schedule(() -> outbid(ctx, outbid), wait, java.util.concurrent.TimeUnit.MICROSECONDS);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                drain();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            telemetry.connectionLost(peer, cause);
            ctx.close();
        }
    }
}
