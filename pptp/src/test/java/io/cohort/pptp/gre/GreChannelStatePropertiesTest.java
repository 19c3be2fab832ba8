package io.cohort.pptp.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a {@link GreChannel} went through, rebuilding it from its initial and essential records
 * gives a channel with the same records, and the rebuilt channel's next packet, after any
 * allowed forward jump, is one the peer delivers (4.3: newer than the last it received).
 */
@ExtendWith(FailingCaseReport.class)
class GreChannelStatePropertiesTest {

    /** What a channel receives or does, in order: a send, a packet from the peer, or time passing. */
    sealed interface Step {
        record Send() implements Step {
        }

        record Receive(OptionalLong sequence, OptionalLong acknowledgment) implements Step {
        }

        record Wait(long millis) implements Step {
        }
    }

    static Stream<Arguments> histories() {
        return SeededCases.of(300, r -> {
            GreChannelInitialState initial = new GreChannelInitialState(r.intBetween(0, 0xFFFF),
                    r.intBetween(0, 0xFFFF), Duration.ofMillis(100L * r.intBetween(0, 50)), r.intBetween(1, 0xFFFF));
            GreSequenceState start = new GreSequenceState(r.longBetween(0, 0xFFFF_FFFFL),
                    r.bool() ? OptionalLong.of(r.longBetween(0, 0xFFFF_FFFFL)) : OptionalLong.empty());
            List<Step> steps = r.listOf(0, 60, s -> switch (s.weightedIndex(4, 4, 1)) {
                case 0 -> new Step.Send();
                case 1 -> new Step.Receive(s.chance(0.8) ? OptionalLong.of(s.longBetween(0, 0xFFFF_FFFFL))
                        : OptionalLong.empty(), s.bool() ? OptionalLong.of(s.longBetween(0, 0xFFFF_FFFFL))
                        : OptionalLong.empty());
                default -> new Step.Wait(s.longBetween(0, 5000));
            });
            return Arguments.of(initial, start, steps, r.longBetween(0, GreSequenceState.MAX_JUMP));
        });
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aRebuiltChannelHasTheSameRecordsAndItsNextPacketIsNewToThePeer(GreChannelInitialState initial,
            GreSequenceState start, List<Step> steps, long jump) {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<GrePacket> transmitted = new ArrayList<>();
        GreChannel.Output output = new GreChannel.Output() {
            @Override
            public void transmit(ByteBuffer grePacket) {
                transmitted.add(((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(grePacket))
                        .value());
            }

            @Override
            public void deliver(ByteBuffer pppFrame) {
            }
        };
        GreChannel original = new GreChannel(initial.peerCallId(), initial.peerReceiveWindow(),
                initial.peerPacketProcessingDelay(), initial.ourReceiveWindow(), GreChannelSettings.DEFAULTS, start,
                scheduler, output, new Counters());
        for (Step step : steps) {
            switch (step) {
                case Step.Send s -> original.send(ByteBuffer.allocate(1));
                case Step.Receive r -> original.receive(new GrePacket(new GreHeader(
                        r.sequence().isPresent() ? 1 : 0, 9, r.sequence(), r.acknowledgment()),
                        ByteBuffer.allocate(r.sequence().isPresent() ? 1 : 0)));
                case Step.Wait w -> scheduler.advance(Duration.ofMillis(w.millis()));
            }
        }
        GreChannelEssentialState essential = original.essentialState();
        original.close();

        GreChannel copy = GreChannel.rebuild(original.initialState(), essential, GreChannelSettings.DEFAULTS,
                scheduler, output, new Counters());
        assertThat(copy.initialState()).isEqualTo(initial);
        assertThat(copy.essentialState()).isEqualTo(essential);
        assertThat(copy.outstanding()).isZero();

        // The peer last received what the old owner sent last; the new owner's next packet is newer.
        long lastSentByOldOwner = (essential.sequence().nextSequence() - 1) & 0xFFFF_FFFFL;
        Counters peerCounters = new Counters();
        List<ByteBuffer> deliveredToPeer = new ArrayList<>();
        GreChannel peer = new GreChannel(9, initial.ourReceiveWindow(), Duration.ZERO, 1, GreChannelSettings.DEFAULTS,
                new GreSequenceState(0, OptionalLong.of(lastSentByOldOwner)), scheduler, new GreChannel.Output() {
                    @Override
                    public void transmit(ByteBuffer grePacket) {
                    }

                    @Override
                    public void deliver(ByteBuffer pppFrame) {
                        deliveredToPeer.add(pppFrame);
                    }
                }, peerCounters);
        GreChannel resumed = GreChannel.rebuild(initial, essential.jumpedForward(jump), GreChannelSettings.DEFAULTS,
                scheduler, output, new Counters());
        transmitted.clear();
        assertThat(resumed.send(ByteBuffer.allocate(1))).isTrue();
        GrePacket next = transmitted.getFirst();
        assertThat(next.header().sequenceNumber())
                .hasValue((essential.sequence().nextSequence() + jump) & 0xFFFF_FFFFL);
        peer.receive(next);
        assertThat(deliveredToPeer).hasSize(1);
        assertThat(peerCounters.get("pptp.gre.rx.lost")).isEqualTo(jump);
    }
}
