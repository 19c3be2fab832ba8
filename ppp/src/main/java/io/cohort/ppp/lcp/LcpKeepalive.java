package io.cohort.ppp.lcp;

import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Dead-peer detection with LCP Echo (RFC 1661 section 5.8): every {@code interval} an
 * Echo-Request goes out; any Echo-Reply clears the count of unanswered ones; when
 * {@code maxUnanswered} are outstanding at the next tick the peer is declared dead. One timer.
 */
public final class LcpKeepalive {
    private final Scheduler scheduler;
    private final Duration interval;
    private final int maxUnanswered;
    private final IntSupplier ourMagic;
    private final Consumer<ControlPacket> sink;
    private final Runnable peerDead;
    private Timer timer = Timer.NONE;
    private int unanswered;
    private int identifier;

    public LcpKeepalive(Scheduler scheduler, Duration interval, int maxUnanswered, IntSupplier ourMagic,
                        Consumer<ControlPacket> sink, Runnable peerDead) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.maxUnanswered = maxUnanswered;
        this.ourMagic = ourMagic;
        this.sink = sink;
        this.peerDead = peerDead;
    }

    public void start() {
        unanswered = 0;
        timer.cancel();
        timer = scheduler.schedule(interval, this::tick);
    }

    public void stop() {
        timer.cancel();
        timer = Timer.NONE;
    }

    public void replyReceived() {
        unanswered = 0;
    }

    public int unanswered() {
        return unanswered;
    }

    private void tick() {
        if (unanswered >= maxUnanswered) {
            timer = Timer.NONE;
            peerDead.run();
            return;
        }
        unanswered++;
        identifier = (identifier + 1) & 0xFF;
        byte[] data = ByteBuffer.allocate(4).putInt(ourMagic.getAsInt()).array();
        sink.accept(new ControlPacket(ControlCode.ECHO_REQUEST, identifier, data));
        timer = scheduler.schedule(interval, this::tick);
    }
}
