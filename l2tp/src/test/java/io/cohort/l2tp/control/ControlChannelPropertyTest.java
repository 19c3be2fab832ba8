package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two channels over a simulated link that loses, duplicates and reorders packets. */
@ExtendWith(FailingCaseReport.class)
class ControlChannelPropertyTest {

    /** One direction's end of the simulated exchange. */
    private static final class Side implements ControlChannel.Endpoint<Integer> {
        final List<Integer> delivered = new ArrayList<>();
        ControlChannel<Integer> channel;
        Side peer;
        int maxInFlight;
        boolean failed;
        Link link;

        @Override
        public void transmit(ByteBuffer packet) {
            maxInFlight = Math.max(maxInFlight, channel.inFlight());
            if (link == null) {
                return; // still fast-forwarding the sequence numbers
            }
            link.carry(TestFrames.decode(packet), peer);
        }

        @Override public ByteBuffer encodeAck(int ns, int nr) { return TestFrames.encode(ns, nr, null); }
        @Override public void deliver(Integer message) { delivered.add(message); }
        @Override public void deliveryFailed() { failed = true; }
    }

    private record Link(VirtualScheduler scheduler, Random random, double loss, double duplication) {
        void carry(TestFrames f, Side to) {
            if (random.nextDouble() < loss) {
                return;
            }
            int copies = random.nextDouble() < duplication ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                // Random delays up to 300 ms reorder packets.
                scheduler.schedule(Duration.ofMillis(random.nextInt(300)),
                        () -> to.channel.receive(f.ns(), f.nr(), f.payload()));
            }
        }
    }

    static Stream<Arguments> links() {
        return SeededCases.of(200, r -> Arguments.of(r.anyLong(), r.doubleBetween(0, 0.3), r.doubleBetween(0, 0.3),
                r.intBetween(1, 8), r.intBetween(1, 8), r.intBetween(0, 60), r.intBetween(0, 60),
                r.intBetween(0, 100)));
    }

    @ParameterizedTest
    @MethodSource("links")
    void everyMessageArrivesExactlyOnceInOrder(long seed, double loss, double duplication, int windowA, int windowB,
            int countA, int countB, int beforeWrap) {
        VirtualScheduler scheduler = new VirtualScheduler();
        Link link = new Link(scheduler, new Random(seed), loss, duplication);
        Side a = new Side();
        Side b = new Side();
        // Generous retransmission budget: the property is about ordering, not about giving up.
        ReliableDeliveryConfig base = new ReliableDeliveryConfig(Duration.ofSeconds(1), Duration.ofSeconds(8), 40,
                Duration.ofMillis(50), 8);
        a.channel = new ControlChannel<>(withWindow(base, windowA), scheduler, a);
        b.channel = new ControlChannel<>(withWindow(base, windowB), scheduler, b);
        a.peer = b;
        b.peer = a;
        a.channel.setPeerWindow(windowB);
        b.channel.setPeerWindow(windowA);
        skipTo(a.channel, b.channel, (65536 - beforeWrap) & 0xFFFF);
        b.delivered.clear();
        a.maxInFlight = 0;
        a.link = link;
        b.link = link;

        for (int i = 0; i < Math.max(countA, countB); i++) {
            int v = i;
            if (i < countA) {
                a.channel.send((ns, nr) -> TestFrames.encode(ns, nr, v));
            }
            if (i < countB) {
                b.channel.send((ns, nr) -> TestFrames.encode(ns, nr, 1000 + v));
            }
            scheduler.advance(Duration.ofMillis(10));
        }
        scheduler.advance(Duration.ofMinutes(30));

        assertThat(a.failed || b.failed).isFalse();
        assertThat(b.delivered).containsExactlyElementsOf(range(0, countA));
        assertThat(a.delivered).containsExactlyElementsOf(range(1000, countB));
        assertThat(a.maxInFlight).isLessThanOrEqualTo(windowB);
        assertThat(b.maxInFlight).isLessThanOrEqualTo(windowA);
        assertThat(a.channel.isQuiescent()).isTrue();
        assertThat(b.channel.isQuiescent()).isTrue();
    }

    private static ReliableDeliveryConfig withWindow(ReliableDeliveryConfig c, int w) {
        return new ReliableDeliveryConfig(c.initialRetransmit(), c.maxRetransmit(), c.maxRetransmissions(),
                c.ackDelay(), w);
    }

    /** Runs both channels' sequence numbers up to {@code start} so that the run crosses the wrap. */
    private static void skipTo(ControlChannel<Integer> a, ControlChannel<Integer> b, int start) {
        for (int i = 0; i < start; i++) {
            a.send((ns, nr) -> TestFrames.encode(ns, nr, -1));
            b.receive(i & 0xFFFF, 0, -1);
            a.receive(0, (i + 1) & 0xFFFF, null);
        }
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(from + i);
        }
        return out;
    }
}
