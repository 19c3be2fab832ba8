package io.cohort.pptp.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GreChannel} driven through virtual time: sequencing, acknowledgments and the window of 4.2. */
class GreChannelTest {
    private static final int PEER_CALL_ID = 0xBEEF;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<GrePacket> transmitted = new ArrayList<>();
    private final List<Integer> delivered = new ArrayList<>();

    private GreChannel channel(int peerWindow, int ourWindow, GreChannelSettings settings, GreSequenceState initial) {
        return new GreChannel(PEER_CALL_ID, peerWindow, Duration.ofMillis(500), ourWindow, settings, initial, scheduler,
                new GreChannel.Output() {
                    @Override
                    public void transmit(ByteBuffer grePacket) {
                        transmitted.add(((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(grePacket)).value());
                    }

                    @Override
                    public void deliver(ByteBuffer pppFrame) {
                        delivered.add(pppFrame.duplicate().get() & 0xFF);
                    }
                }, counters);
    }

    private GreChannel channel(int peerWindow) {
        return channel(peerWindow, 64, GreChannelSettings.DEFAULTS, GreSequenceState.INITIAL);
    }

    /** A data packet from the peer whose one-octet payload is its sequence number's low octet. */
    private static GrePacket data(long seq, OptionalLong ack) {
        return new GrePacket(new GreHeader(1, 7, OptionalLong.of(seq), ack), ByteBuffer.wrap(new byte[] {(byte) seq}));
    }

    private static GrePacket ackOnly(long ack) {
        return new GrePacket(new GreHeader(0, 7, OptionalLong.empty(), OptionalLong.of(ack)), ByteBuffer.allocate(0));
    }

    static Stream<Arguments> receiveOrders() {
        return Stream.of(
                row("in order", List.of(0L, 1L, 2L), List.of(0, 1, 2), 0, 0, 0),
                row("any first number", List.of(5L, 6L), List.of(5, 6), 0, 0, 0),
                row("gap", List.of(0L, 3L), List.of(0, 3), 0, 0, 2),
                row("late packet dropped (4.3)", List.of(0L, 2L, 1L, 3L), List.of(0, 2, 3), 0, 1, 1),
                row("duplicate dropped (4.3)", List.of(0L, 1L, 1L, 2L), List.of(0, 1, 2), 1, 0, 0),
                row("much older dropped", List.of(10L, 3L), List.of(10), 0, 1, 0),
                row("32-bit wrap", List.of(0xFFFF_FFFEL, 0xFFFF_FFFFL, 0L, 1L), List.of(0xFE, 0xFF, 0, 1), 0, 0, 0),
                row("late across the wrap", List.of(0xFFFF_FFFFL, 1L, 0L), List.of(0xFF, 1), 0, 1, 1));
    }

    private static Arguments row(String what, List<Long> received, List<Integer> deliveredLowOctets, int duplicates,
            int outOfOrder, int lost) {
        return Arguments.of(what, received, deliveredLowOctets, duplicates, outOfOrder, lost);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiveOrders")
    void deliversOnlyNewerPackets(String what, List<Long> received, List<Integer> expected, int duplicates,
            int outOfOrder, int lost) {
        GreChannel c = channel(16);

        received.forEach(s -> c.receive(data(s, OptionalLong.empty())));

        assertThat(delivered).isEqualTo(expected);
        assertThat(counters.get("pptp.gre.rx.duplicate")).isEqualTo(duplicates);
        assertThat(counters.get("pptp.gre.rx.out_of_order")).isEqualTo(outOfOrder);
        assertThat(counters.get("pptp.gre.rx.lost")).isEqualTo(lost);
    }

    @Test
    void anAcknowledgmentOnlyPacketFollowsAfterTheAckDelay() {
        channel(16).receive(data(0, OptionalLong.empty()));

        scheduler.advance(Duration.ofMillis(99));
        assertThat(transmitted).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(transmitted).singleElement().satisfies(p -> {
            assertThat(p.header()).isEqualTo(new GreHeader(0, PEER_CALL_ID, OptionalLong.empty(), OptionalLong.of(0)));
        });
        assertThat(counters.get("pptp.gre.tx.ack_only")).isEqualTo(1);
    }

    @Test
    void outgoingDataCarriesTheAcknowledgmentInstead() {
        GreChannel c = channel(16);
        c.receive(data(0, OptionalLong.empty()));
        c.receive(data(1, OptionalLong.empty()));

        c.send(ByteBuffer.wrap(new byte[] {0x21}));
        c.send(ByteBuffer.wrap(new byte[] {0x22}));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(transmitted).extracting(GrePacket::header).containsExactly(
                new GreHeader(1, PEER_CALL_ID, OptionalLong.of(0), OptionalLong.of(1)),
                new GreHeader(1, PEER_CALL_ID, OptionalLong.of(1), OptionalLong.empty()));
    }

    @Test
    void acknowledgesAtOnceWhenHalfOurWindowIsOwed() {
        GreChannel c = channel(16, 4, GreChannelSettings.DEFAULTS, GreSequenceState.INITIAL);

        c.receive(data(0, OptionalLong.empty()));
        assertThat(transmitted).isEmpty();
        c.receive(data(1, OptionalLong.empty()));

        assertThat(transmitted).extracting(p -> p.header().acknowledgmentNumber()).containsExactly(OptionalLong.of(1));
    }

    @Test
    void theTransmitWindowStartsAtHalfThePeersAndGrowsPerWindowAcknowledged() {
        GreChannel c = channel(4);
        assertThat(c.transmitWindow()).isEqualTo(2); // 4.2.1

        assertThat(c.send(frame())).isTrue();
        assertThat(c.send(frame())).isTrue();
        assertThat(c.send(frame())).isFalse(); // 4.2.4: the window is full
        assertThat(counters.get("pptp.gre.tx.window_full")).isEqualTo(1);

        scheduler.advance(Duration.ofMillis(40));
        c.receive(ackOnly(1)); // 4.2.5: both at once

        assertThat(c.outstanding()).isZero();
        assertThat(c.transmitWindow()).isEqualTo(3); // 4.2.3
        assertThat(c.ackTimeout()).isLessThan(Duration.ofMillis(500 + 4 * 115)); // the sample lowered RTT
    }

    @Test
    void theWindowNeverGrowsBeyondThePeers() {
        GreChannel c = channel(2);
        for (int i = 0; i < 10; i++) {
            assertThat(c.send(frame())).isTrue();
            c.receive(ackOnly(i));
        }

        assertThat(c.transmitWindow()).isEqualTo(2);
    }

    @Test
    void anAcknowledgmentTimeOutHalvesTheWindowAndGivesUpTheOutstandingPackets() {
        GreChannel c = channel(16); // window 8
        for (int i = 0; i < 7; i++) {
            c.send(frame());
        }
        Duration before = c.ackTimeout();

        scheduler.advance(before);

        assertThat(counters.get("pptp.gre.tx.ack_timeout")).isEqualTo(1);
        assertThat(c.transmitWindow()).isEqualTo(4); // 4.2.2
        assertThat(c.outstanding()).isZero();
        assertThat(c.ackTimeout()).isGreaterThan(before); // 4.4.2 back-off
        c.receive(ackOnly(3)); // a late acknowledgment is stale now
        assertThat(counters.get("pptp.gre.rx.stale_ack")).isEqualTo(1);
    }

    @Test
    void aHugePeerWindowIsCappedSoThatAPeerCannotSizeOurPerCallState() {
        GreChannel c = channel(0xFFFF); // any Outgoing-Call-Request may ask for this

        assertThat(c.transmitWindow()).isEqualTo(GreChannel.MAX_TRANSMIT_WINDOW / 2);
        for (int i = 0; i < GreChannel.MAX_TRANSMIT_WINDOW / 2; i++) {
            assertThat(c.send(frame())).isTrue();
        }
        assertThat(c.send(frame())).as("the window is full").isFalse();
    }

    @Test
    void oddWindowsHalveRoundingUp() {
        GreChannel c = channel(6); // window 3
        c.send(frame());

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(c.transmitWindow()).isEqualTo(2);
    }

    @Test
    void acknowledgmentsForPacketsNeverSentAreIgnored() {
        GreChannel c = channel(16);
        c.send(frame());

        c.receive(ackOnly(5));

        assertThat(c.outstanding()).isEqualTo(1);
        assertThat(counters.get("pptp.gre.rx.stale_ack")).isEqualTo(1);
    }

    @Test
    void aPeerWindowOfZeroMeansNoFlowControl() {
        GreChannel c = channel(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(c.send(frame())).isTrue();
        }
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void flowControlCanBeTurnedOff() {
        GreChannel c = channel(2, 64, new GreChannelSettings(Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofSeconds(4), false), GreSequenceState.INITIAL);
        for (int i = 0; i < 10; i++) {
            assertThat(c.send(frame())).isTrue();
        }
    }

    @Test
    void resumesFromReplicatedState() {
        GreChannel first = channel(16);
        first.send(frame());
        first.receive(data(41, OptionalLong.empty()));
        GreSequenceState state = first.state();
        first.close();
        transmitted.clear();
        delivered.clear();

        GreChannel second = channel(16, 64, GreChannelSettings.DEFAULTS, state);
        second.receive(data(41, OptionalLong.empty()));
        second.receive(data(42, OptionalLong.empty()));
        second.send(frame());

        assertThat(state).isEqualTo(new GreSequenceState(1, OptionalLong.of(41)));
        assertThat(delivered).containsExactly(42);
        assertThat(transmitted.getLast().header().sequenceNumber()).hasValue(1);
    }

    @Test
    void closeCancelsTheTimers() {
        GreChannel c = channel(16);
        c.send(frame());
        c.receive(data(0, OptionalLong.empty()));

        c.close();

        assertThat(scheduler.pendingCount()).isZero();
    }

    private static ByteBuffer frame() {
        return ByteBuffer.wrap(new byte[] {0x00, 0x21});
    }
}
