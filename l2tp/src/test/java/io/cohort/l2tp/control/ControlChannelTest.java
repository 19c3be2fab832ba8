package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlChannelTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<TestFrames> wire = new ArrayList<>();
    private final List<Integer> delivered = new ArrayList<>();
    private boolean failed;
    private ControlChannel<Integer> channel;

    @BeforeEach
    void setUp() {
        channel = new ControlChannel<>(ReliableDeliveryConfig.defaults(), scheduler, new ControlChannel.Endpoint<>() {
            @Override public void transmit(ByteBuffer packet) { wire.add(TestFrames.decode(packet)); }
            @Override public ByteBuffer encodeAck(int ns, int nr) { return TestFrames.encode(ns, nr, null); }
            @Override public void deliver(Integer message) { delivered.add(message); }
            @Override public void deliveryFailed() { failed = true; }
        });
    }

    private void send(int value) {
        channel.send((ns, nr) -> TestFrames.encode(ns, nr, value));
    }

    @Test
    void firstMessageGoesOutWithNsZeroNrZero() {
        send(7);
        assertThat(wire).containsExactly(new TestFrames(0, 0, 7));
    }

    @Test
    void slowStartSendsOneThenTwoThenFour() {
        for (int i = 0; i < 7; i++) {
            send(i);
        }
        assertThat(wire).hasSize(1); // cwnd starts at 1 (Appendix A)
        channel.receive(0, 1, null);
        assertThat(wire).hasSize(3); // cwnd 2
        channel.receive(0, 3, null);
        assertThat(wire).hasSize(7); // cwnd 4 = the default peer window
        assertThat(channel.inFlight()).isEqualTo(4);
    }

    @Test
    void inFlightNeverExceedsPeerWindow() {
        channel.setPeerWindow(2);
        for (int i = 0; i < 10; i++) {
            send(i);
        }
        for (int acked = 1; acked <= 10; acked++) {
            assertThat(channel.inFlight()).isLessThanOrEqualTo(2);
            channel.receive(0, acked, null);
        }
        assertThat(wire).extracting(TestFrames::payload).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void retransmitsWithExponentialBackOffThenFails() {
        send(1);
        List<Long> retransmitTimes = new ArrayList<>();
        for (int s = 1; s <= 40; s++) {
            int before = wire.size();
            scheduler.advance(Duration.ofSeconds(1));
            if (wire.size() > before) {
                retransmitTimes.add(scheduler.nanos() / 1_000_000_000L);
            }
        }
        // Retransmissions at 1, 1+2, 3+4, 7+8, 15+8 s; then after another 8 s the tunnel is dead.
        assertThat(retransmitTimes).containsExactly(1L, 3L, 7L, 15L, 23L);
        assertThat(wire).allMatch(f -> f.ns() == 0 && f.payload() == 1);
        assertThat(failed).isTrue();
        assertThat(channel.isClosed()).isTrue();
    }

    @Test
    void retransmissionCarriesTheCurrentNr() {
        send(1);
        channel.receive(0, 0, 100); // the peer's message, not acknowledging ours
        channel.receive(1, 0, 101);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(wire.getLast()).isEqualTo(new TestFrames(0, 2, 1));
    }

    @Test
    void retransmissionResetsCongestionWindow() {
        channel.setPeerWindow(8);
        for (int i = 0; i < 3; i++) {
            send(i);
            channel.receive(0, i + 1, null);
        }
        send(3);
        send(4);
        scheduler.advance(Duration.ofSeconds(1));
        ChannelSnapshot s = channel.snapshot();
        assertThat(s.cwnd()).isEqualTo(1);
        assertThat(s.ssthresh()).isEqualTo(2);
        assertThat(s.retransmissions()).isEqualTo(1);
    }

    static Stream<Arguments> receiveTable() {
        // incoming Ns sequence -> delivered order, ZLBs sent after the ack delay
        return Stream.of(
                Arguments.of(List.of(0, 1, 2), List.of(0, 1, 2)),
                Arguments.of(List.of(0, 0, 1, 1), List.of(0, 1)),
                Arguments.of(List.of(2, 1, 0), List.of(0, 1, 2)),
                Arguments.of(List.of(1, 1, 0, 2), List.of(0, 1, 2)),
                Arguments.of(List.of(0, 20), List.of(0)), // 20 is outside our window of 8: dropped
                Arguments.of(List.of(3), List.of()));
    }

    @ParameterizedTest(name = "Ns {0} delivers {1}")
    @MethodSource("receiveTable")
    void deliversInOrderExactlyOnce(List<Integer> incomingNs, List<Integer> expected) {
        for (int ns : incomingNs) {
            channel.receive(ns, 0, ns);
        }
        assertThat(delivered).containsExactlyElementsOf(expected);
        assertThat(channel.snapshot().nr()).isEqualTo(expected.size());
    }

    @Test
    void duplicateIsReAcknowledgedWithAZlb() {
        channel.receive(0, 0, 5);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(wire).containsExactly(new TestFrames(0, 1, null));
        channel.receive(0, 0, 5); // our ZLB was lost: the peer retransmits
        scheduler.advance(Duration.ofMillis(100));
        assertThat(wire).containsExactly(new TestFrames(0, 1, null), new TestFrames(0, 1, null));
        assertThat(delivered).containsExactly(5);
        assertThat(channel.snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void ackPiggybacksOnAnOutgoingMessageInsteadOfAZlb() {
        channel.receive(0, 0, 5);
        send(9);
        scheduler.advance(Duration.ofSeconds(0));
        scheduler.advance(Duration.ofMillis(200));
        assertThat(wire).containsExactly(new TestFrames(0, 1, 9));
        assertThat(channel.snapshot().zlbSent()).isZero();
    }

    @Test
    void halfAReceiveWindowOutstandingIsAcknowledgedAtOnce() {
        // Default window 8: the fourth unacknowledged message triggers the ZLB without the delay.
        for (int i = 0; i < 3; i++) {
            channel.receive(i, 0, i);
        }
        assertThat(wire).isEmpty();
        channel.receive(3, 0, 3);
        assertThat(wire).containsExactly(new TestFrames(0, 4, null));
        // The next three wait for the ack delay again.
        channel.receive(4, 0, 4);
        assertThat(wire).hasSize(1);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(wire).containsExactly(new TestFrames(0, 4, null), new TestFrames(0, 5, null));
        assertThat(delivered).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void zlbDoesNotConsumeASequenceNumber() {
        channel.receive(0, 0, 5);
        scheduler.advance(Duration.ofMillis(100));
        send(9);
        assertThat(wire).containsExactly(new TestFrames(0, 1, null), new TestFrames(0, 1, 9));
    }

    @Test
    void sequenceNumbersWrapAround() {
        channel.setPeerWindow(4);
        for (int i = 0; i < 70_000; i++) {
            send(i);
            channel.receive(i & 0xFFFF, (i + 1) & 0xFFFF, i);
        }
        assertThat(delivered).hasSize(70_000);
        assertThat(delivered.getLast()).isEqualTo(69_999);
        assertThat(channel.snapshot().ns()).isEqualTo(70_000 & 0xFFFF);
        assertThat(channel.inFlight()).isZero();
    }

    @Test
    void ackForUnsentMessageIsIgnored() {
        send(1);
        channel.receive(0, 5, null);
        assertThat(channel.inFlight()).isEqualTo(1);
    }

    @Test
    void closeStopsTimers() {
        send(1);
        channel.close();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(wire).hasSize(1);
        assertThat(failed).isFalse();
        assertThat(scheduler.pendingCount()).isZero();
    }
}
