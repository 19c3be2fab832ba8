package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.sync.ReplicaIntake;
import io.cohort.replication.tls.MemberTls;
import io.cohort.replication.wire.ReplicationFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connections peers opened to send us their state: each, once TLS named its member, feeds a
 * {@link ReplicaIntake} with that member as the origin. A member has one such connection at a
 * time; when it connects again (after a failure this side did not notice yet), the older
 * connection is closed, since the newer one starts with a snapshot that supersedes it.
 */
final class IncomingReplicas {
    private final MemberTls tls;
    private final ReplicaStore store;
    private final ReplicationTelemetry telemetry;
    private final ConcurrentMap<MemberId, Channel> byOrigin = new ConcurrentHashMap<>();
    /** Members whose snapshot arrived whole at least once: what they published is here. */
    private final java.util.Set<MemberId> snapshotted = ConcurrentHashMap.newKeySet();

    IncomingReplicas(MemberTls tls, ReplicaStore store, ReplicationTelemetry telemetry) {
        this.tls = tls;
        this.store = store;
        this.telemetry = telemetry;
    }

    /** The last handler of an accepted connection's pipeline. */
    ChannelInboundHandlerAdapter handler() {
        return new Intake();
    }

    /** Whether a whole snapshot of each of {@code members} arrived at least once. */
    boolean snapshotFrom(java.util.Collection<MemberId> members) {
        return snapshotted.containsAll(members);
    }

    List<MemberId> origins() {
        return byOrigin.keySet().stream().sorted().toList();
    }

    void closeAll() {
        byOrigin.values().forEach(Channel::close);
    }

    private final class Intake extends ChannelInboundHandlerAdapter {
        private ReplicaIntake intake; // set once TLS named the peer
        private ChannelFrameSink answers;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                Optional<MemberId> origin = tls.peer(ctx.pipeline().get(SslHandler.class).engine().getSession());
                if (origin.isEmpty()) {
                    telemetry.violation(ctx.channel().remoteAddress(), "no member certificate after the handshake");
                    ctx.close();
                } else {
                    accepted(ctx.channel(), origin.get());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        private void accepted(Channel channel, MemberId origin) {
            intake = new ReplicaIntake(origin, store);
            answers = new ChannelFrameSink(channel, telemetry.framesOut, telemetry.bytesOut, telemetry.snapshotsOut,
                    new LongAdder());
            Channel previous = byOrigin.put(origin, channel);
            if (previous != null && previous != channel) {
                previous.close();
            }
            channel.closeFuture().addListener(f -> byOrigin.remove(origin, channel));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReplicationFrame frame = (ReplicationFrame) message;
            if (intake == null) {
                telemetry.violation(ctx.channel().remoteAddress(), "a frame before the handshake completed");
                ctx.close();
                return;
            }
            switch (intake.accept(frame)) {
                case ReplicaIntake.Outcome.Applied applied -> {
                    if (frame instanceof ReplicationFrame.SnapshotEnd) {
                        telemetry.snapshotsIn.increment();
                        snapshotted.add(intake.origin());
                    }
                }
                case ReplicaIntake.Outcome.Stale stale -> {
                    telemetry.stale(intake.origin(), frame);
                    answers.send(stale.answer());
                }
                case ReplicaIntake.Outcome.Answer answer -> answers.send(answer.frame()); // flushed at read complete
                case ReplicaIntake.Outcome.Violation violation -> {
                    telemetry.violation(intake.origin(), violation.detail());
                    ctx.close();
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            telemetry.connectionLost(intake == null ? ctx.channel().remoteAddress() : intake.origin(), cause);
            ctx.close();
        }
    }
}
