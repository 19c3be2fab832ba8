package io.cohort.pptp.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A {@link GreChannel} rebuilt from its {@link GreChannelInitialState} and
 * {@link GreChannelEssentialState} carries the exchange on with its peer: the peer delivers every
 * packet of the new owner, none as a duplicate, and the acknowledgments both ways name packets
 * the other side has outstanding (none is stale, none times out). Side A (our Call ID 1) talks to side B (Call ID 2) over a wire
 * that delivers in order, on one virtual clock.
 */
class GreChannelRebuildTest {
    /** Acknowledgments owed go out well within the shortest time-out: no time-out here is a race. */
    private static final GreChannelSettings SETTINGS = new GreChannelSettings(Duration.ofMillis(10),
            Duration.ofMillis(100), Duration.ofSeconds(4), true);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private final Counters aCounters = new Counters();
    private final Counters bCounters = new Counters();
    private final List<Integer> deliveredToA = new ArrayList<>();
    private final List<Integer> deliveredToB = new ArrayList<>();
    private final List<GrePacket> sentByA = new ArrayList<>();
    private GreChannel a;
    private final GreChannel b = new GreChannel(1, 32, Duration.ofMillis(200), 16, SETTINGS,
            GreSequenceState.INITIAL, scheduler, output(p -> a.receive(p), deliveredToB, new ArrayList<>()), bCounters);

    private GreChannel.Output output(java.util.function.Consumer<GrePacket> peer, List<Integer> delivered,
            List<GrePacket> sent) {
        return new GreChannel.Output() {
            @Override
            public void transmit(ByteBuffer grePacket) {
                GrePacket p = ((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(grePacket)).value();
                sent.add(p);
                wire.add(() -> peer.accept(p));
            }

            @Override
            public void deliver(ByteBuffer pppFrame) {
                delivered.add(pppFrame.duplicate().getInt());
            }
        };
    }

    private GreChannel.Output aOutput() {
        return output(b::receive, deliveredToA, sentByA);
    }

    private void pump() {
        while (!wire.isEmpty()) {
            wire.poll().run();
        }
    }

    /** Each side sends {@code count} frames numbered from {@code first}, the wire carrying them at once. */
    private void exchange(int first, int count) {
        for (int i = first; i < first + count; i++) {
            assertThat(a.send(ByteBuffer.allocate(4).putInt(0, i))).isTrue();
            assertThat(b.send(ByteBuffer.allocate(4).putInt(0, 1000 + i))).isTrue();
            pump();
            scheduler.advance(Duration.ofMillis(20));
            pump();
        }
    }

    private GreChannel rebuiltA(GreChannelInitialState initial, GreChannelEssentialState essential) {
        return GreChannel.rebuild(initial, essential, SETTINGS, scheduler, aOutput(), aCounters);
    }

    @Test
    void aChannelRebuiltFromItsRecordsCarriesOnAsIfNothingHappened() {
        a = new GreChannel(2, 16, Duration.ofMillis(200), 32, SETTINGS, GreSequenceState.INITIAL,
                scheduler, aOutput(), aCounters);
        exchange(0, 10);
        scheduler.advance(Duration.ofSeconds(1)); // every acknowledgment owed is sent
        pump();
        GreChannelInitialState initial = a.initialState();
        GreChannelEssentialState essential = a.essentialState();
        assertThat(essential.sequence()).isEqualTo(new GreSequenceState(10, OptionalLong.of(9)));
        a.close();

        a = rebuiltA(initial, essential);
        assertThat(a.initialState()).isEqualTo(initial);
        assertThat(a.essentialState()).isEqualTo(essential);
        sentByA.clear();
        exchange(10, 10);
        scheduler.advance(Duration.ofSeconds(1));
        pump();

        assertThat(deliveredToB).containsExactlyElementsOf(range(0, 20));
        assertThat(deliveredToA).containsExactlyElementsOf(range(1000, 1020));
        assertThat(sentByA.getFirst().header().sequenceNumber()).hasValue(10);
        assertThat(a.outstanding()).isZero();
        assertThat(b.outstanding()).isZero();
        assertThat(a.essentialState().sequence()).isEqualTo(new GreSequenceState(20, OptionalLong.of(19)));
        assertThat(b.essentialState().sequence()).isEqualTo(new GreSequenceState(20, OptionalLong.of(19)));
        assertNothingDroppedOrStale();
    }

    @Test
    void aReplicaThatLagsResumesAfterAForwardJumpThePeerTolerates() {
        a = new GreChannel(2, 16, Duration.ofMillis(200), 32, SETTINGS, GreSequenceState.INITIAL,
                scheduler, aOutput(), aCounters);
        exchange(0, 10);
        GreChannelInitialState initial = a.initialState();
        GreChannelEssentialState replica = a.essentialState(); // replicated, then 5 more packets each way
        exchange(10, 5);
        scheduler.advance(Duration.ofSeconds(1));
        pump();
        a.close();

        a = rebuiltA(initial, replica.jumpedForward(GreSequenceState.TAKEOVER_JUMP));
        sentByA.clear();
        exchange(15, 10);
        scheduler.advance(Duration.ofSeconds(1));
        pump();

        assertThat(deliveredToB).containsExactlyElementsOf(range(0, 25));
        assertThat(deliveredToA).containsExactlyElementsOf(range(1000, 1025));
        assertThat(sentByA.getFirst().header().sequenceNumber()).hasValue(10 + GreSequenceState.TAKEOVER_JUMP);
        // B skipped the numbers the old owner never used; A skipped those it had delivered itself.
        assertThat(bCounters.get("pptp.gre.rx.lost")).isEqualTo(GreSequenceState.TAKEOVER_JUMP - 5);
        assertThat(aCounters.get("pptp.gre.rx.lost")).isEqualTo(5);
        assertThat(a.outstanding()).isZero();
        assertThat(b.outstanding()).isZero();
        assertNothingDroppedOrStale();
    }

    @Test
    void theJumpWrapsAt32Bits() {
        GreSequenceState s = new GreSequenceState(0xFFFF_FFF0L, OptionalLong.of(3));
        a = rebuiltA(new GreChannelInitialState(2, 16, Duration.ofMillis(200), 32),
                new GreChannelEssentialState(s, 8, Duration.ofMillis(200), Duration.ZERO).jumpedForward(0x20));
        b.receive(new GrePacket(new GreHeader(4, 1, OptionalLong.of(0xFFFF_FFFEL), OptionalLong.empty()),
                ByteBuffer.allocate(4).putInt(0, -1)));
        pump();

        exchange(0, 3);

        assertThat(sentByA.getFirst().header().sequenceNumber()).hasValue(0x10L);
        assertThat(deliveredToB).containsExactly(-1, 0, 1, 2);
        assertThat(bCounters.get("pptp.gre.rx.lost")).isEqualTo(0x11);
        assertThat(a.outstanding()).isZero();
    }

    @Test
    void aJumpTheSerialComparisonWouldReadAsBackwardsIsRefused() {
        assertThatThrownBy(() -> GreSequenceState.INITIAL.jumpedForward(1L << 31))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreSequenceState.INITIAL.jumpedForward(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GreSequenceState.INITIAL.jumpedForward(GreSequenceState.MAX_JUMP).nextSequence())
                .isEqualTo(GreSequenceState.MAX_JUMP);
    }

    private void assertNothingDroppedOrStale() {
        for (Counters c : List.of(aCounters, bCounters)) {
            assertThat(c.get("pptp.gre.rx.duplicate")).isZero();
            assertThat(c.get("pptp.gre.rx.out_of_order")).isZero();
            assertThat(c.get("pptp.gre.rx.stale_ack")).isZero();
            assertThat(c.get("pptp.gre.tx.ack_timeout")).isZero();
            assertThat(c.get("pptp.gre.tx.window_full")).isZero();
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
