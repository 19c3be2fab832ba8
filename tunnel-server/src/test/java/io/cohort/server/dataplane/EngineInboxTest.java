package io.cohort.server.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineInboxTest {
    private final List<Runnable> engineQueue = new ArrayList<>();
    private final Counters counters = new Counters();
    private final EngineInbox inbox = new EngineInbox(engineQueue::add, 3, counters.counter("dropped"));
    private final List<ByteBuffer> handled = new ArrayList<>();

    @Test
    void packetsBeyondTheLimitAreDroppedAndCountedUntilTheEngineCatchesUp() {
        for (int i = 0; i < 5; i++) {
            inbox.offer(ByteBuffer.wrap(new byte[] {(byte) i}), handled::add);
        }

        assertThat(engineQueue).as("one engine task for the burst").hasSize(1);
        assertThat(inbox.waiting()).isEqualTo(3);
        assertThat(counters.get("dropped")).isEqualTo(2);

        runEngine();
        assertThat(handled).extracting(b -> b.get(0)).containsExactly((byte) 0, (byte) 1, (byte) 2);
        assertThat(inbox.waiting()).isZero();
        assertThat(inbox.offer(ByteBuffer.wrap(new byte[] {9}), handled::add)).isTrue();
        assertThat(counters.get("dropped")).isEqualTo(2);
    }

    @Test
    void aPacketOfferedWhileTheEngineDrainsGetsADrainOfItsOwn() {
        inbox.offer(ByteBuffer.wrap(new byte[] {1}), packet -> {
            handled.add(packet);
            inbox.offer(ByteBuffer.wrap(new byte[] {2}), handled::add); // offered during the drain
        });
        runEngine();
        runEngine();

        assertThat(handled).extracting(b -> b.get(0)).containsExactly((byte) 1, (byte) 2);
        assertThat(inbox.waiting()).isZero();
    }

    @Test
    void theEngineGetsACopyOfWhatRemainedInTheReadersBuffer() {
        ByteBuffer reused = ByteBuffer.allocateDirect(8).put(new byte[] {1, 2, 3, 4}).flip();
        reused.position(1);

        assertThat(inbox.offer(reused, handled::add)).isTrue();
        reused.clear().put(new byte[] {7, 7, 7, 7});
        runEngine();

        ByteBuffer got = handled.getFirst();
        assertThat(got.remaining()).isEqualTo(3);
        assertThat(new byte[] {got.get(0), got.get(1), got.get(2)}).containsExactly(2, 3, 4);
    }

    private void runEngine() {
        List<Runnable> tasks = List.copyOf(engineQueue);
        engineQueue.clear();
        tasks.forEach(Runnable::run);
    }
}
