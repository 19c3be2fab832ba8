package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel rebuilt from its essential state carries on where the original stopped (5.8). */
class ControlChannelRestoreTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<TestFrames> wire = new ArrayList<>();
    private final List<Integer> delivered = new ArrayList<>();
    private boolean failed;

    private final ControlChannel.Endpoint<Integer> endpoint = new ControlChannel.Endpoint<>() {
        @Override public void transmit(ByteBuffer packet) { wire.add(TestFrames.decode(packet)); }
        @Override public ByteBuffer encodeAck(int ns, int nr) { return TestFrames.encode(ns, nr, null); }
        @Override public void deliver(Integer message) { delivered.add(message); }
        @Override public void deliveryFailed() { failed = true; }
    };

    /** A message described by its payload, as an owner would describe it by its content. */
    private record Payload(int value) implements OutboundMessage {
        @Override public ByteBuffer encode(int ns, int nr) { return TestFrames.encode(ns, nr, value); }
    }

    private ControlChannel<Integer> restore(int peerWindow, ControlChannelEssentialState<Payload> state) {
        return ControlChannel.restore(ReliableDeliveryConfig.defaults(), scheduler, endpoint, peerWindow, state, p -> p);
    }

    private static ControlChannelEssentialState<Payload> state(ControlChannel<Integer> c) {
        return c.essentialState(m -> (Payload) m);
    }

    @Test
    void essentialStateNamesTheUnacknowledgedAndTheUnsentMessages() {
        ControlChannel<Integer> original = new ControlChannel<>(ReliableDeliveryConfig.defaults(), scheduler, endpoint);
        original.receive(0, 0, 100);
        original.receive(1, 0, 101);
        original.send(new Payload(1)); // in flight: cwnd starts at 1 (Appendix A)
        original.send(new Payload(2)); // queued behind it
        assertThat(state(original)).isEqualTo(new ControlChannelEssentialState<>(1, 2, List.of(new Payload(1)),
                List.of(new Payload(2))));
    }

    @Test
    void theUnacknowledgedMessageIsRetransmittedWithItsNsAfterTheFirstInterval() {
        ControlChannel<Integer> c = restore(4, new ControlChannelEssentialState<>(10, 5, List.of(new Payload(7)),
                List.of()));
        assertThat(wire).as("nothing sent at once").isEmpty();
        scheduler.advance(Duration.ofMillis(999));
        assertThat(wire).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(wire).containsExactly(new TestFrames(9, 5, 7));
        c.receive(5, 10, null); // acknowledged
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(wire).hasSize(1);
        assertThat(failed).isFalse();
        assertThat(c.isQuiescent()).isTrue();
    }

    @Test
    void anAcknowledgementOfTheRestoredMessagesReleasesTheUnsentOnes() {
        ControlChannel<Integer> c = restore(4, new ControlChannelEssentialState<>(0xFFFF, 3,
                List.of(new Payload(1), new Payload(2)), List.of(new Payload(3))));
        assertThat(c.inFlight()).isEqualTo(2);
        c.receive(3, 0xFFFF, null); // acknowledges Ns 0xFFFD and 0xFFFE; the unsent one takes 0xFFFF
        assertThat(wire).containsExactly(new TestFrames(0xFFFF, 3, 3));
        assertThat(state(c)).isEqualTo(new ControlChannelEssentialState<>(0, 3, List.of(new Payload(3)), List.of()));
    }

    @Test
    void theNextInOrderMessageIsDeliveredAndAnOldOneIsADuplicate() {
        ControlChannel<Integer> c = restore(4, new ControlChannelEssentialState<>(2, 6, List.of(), List.of()));
        c.receive(5, 2, 55);
        c.receive(6, 2, 66);
        assertThat(delivered).containsExactly(66);
        scheduler.advance(Duration.ofMillis(200));
        assertThat(wire).last().isEqualTo(new TestFrames(2, 7, null));
    }

    @Test
    void aRestoredChannelGivesTheSameEssentialState() {
        ControlChannelEssentialState<Payload> s = new ControlChannelEssentialState<>(40000, 123,
                List.of(new Payload(1), new Payload(2), new Payload(3)), List.of(new Payload(4), new Payload(5)));
        assertThat(state(restore(3, s))).isEqualTo(s);
        assertThat(wire).isEmpty();
    }

    @Test
    void sequenceNumbersOutsideTheSixteenBitSpaceAreRejected() {
        assertThatThrownBy(() -> new ControlChannelEssentialState<>(0x10000, 0, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlChannelEssentialState<>(0, -1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
