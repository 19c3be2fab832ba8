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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two {@link GreChannel}s over a path that loses, duplicates and reorders packets: whatever the
 * path does, each side delivers a strictly increasing subsequence of what the other sent (4.3),
 * every packet received is either delivered or counted, and the senders never exceed the
 * peer's window.
 */
@ExtendWith(FailingCaseReport.class)
class GreChannelPropertiesTest {

    static Stream<Arguments> paths() {
        return SeededCases.of(200, r -> Arguments.of(r.anyLong(), r.doubleBetween(0, 0.5), r.doubleBetween(0, 0.3),
                r.intBetween(0, 8), r.intBetween(1, 64)));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void deliveriesAreInOrderAndAccountedFor(long seed, double loss, double duplication, int reorderSpan, int window) {
        Random random = new Random(seed);
        VirtualScheduler scheduler = new VirtualScheduler();
        Counters counters = new Counters();
        List<Integer> delivered = new ArrayList<>();
        List<GrePacket> inFlight = new ArrayList<>();
        int[] received = new int[1];
        GreChannel.Output toB = new GreChannel.Output() {
            @Override
            public void transmit(ByteBuffer p) {
                inFlight.add(((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(p)).value());
            }

            @Override
            public void deliver(ByteBuffer frame) {
                throw new AssertionError("A receives nothing");
            }
        };
        GreChannel a = new GreChannel(2, window, Duration.ofMillis(200), 64, GreChannelSettings.DEFAULTS,
                GreSequenceState.INITIAL, scheduler, toB, new Counters());
        GreChannel b = new GreChannel(1, 64, Duration.ofMillis(200), window, GreChannelSettings.DEFAULTS,
                GreSequenceState.INITIAL, scheduler, new GreChannel.Output() {
                    @Override
                    public void transmit(ByteBuffer p) {
                        if (random.nextDouble() >= loss) {
                            a.receive(((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(p)).value());
                        }
                    }

                    @Override
                    public void deliver(ByteBuffer frame) {
                        delivered.add(frame.duplicate().getInt());
                    }
                }, counters);

        int sent = 0;
        for (int step = 0; step < 400; step++) {
            if (a.send(ByteBuffer.allocate(4).putInt(0, sent))) {
                sent++;
            }
            assertThat(a.outstanding()).isLessThanOrEqualTo(window);
            if (inFlight.size() > reorderSpan || random.nextBoolean()) {
                Collections.shuffle(inFlight.subList(0, Math.min(inFlight.size(), reorderSpan + 1)), random);
                List<GrePacket> now = new ArrayList<>(inFlight);
                inFlight.clear();
                for (GrePacket p : now) {
                    if (p.header().sequenceNumber().isEmpty() || random.nextDouble() < loss) {
                        continue;
                    }
                    int copies = random.nextDouble() < duplication ? 2 : 1;
                    for (int c = 0; c < copies; c++) {
                        received[0]++;
                        b.receive(new GrePacket(p.header(), p.payload().duplicate()));
                    }
                }
            }
            scheduler.advance(Duration.ofMillis(random.nextInt(60)));
        }

        for (int i = 1; i < delivered.size(); i++) {
            assertThat(delivered.get(i)).isGreaterThan(delivered.get(i - 1));
        }
        assertThat(delivered.size() + counters.get("pptp.gre.rx.duplicate") + counters.get("pptp.gre.rx.out_of_order"))
                .isEqualTo(received[0]);
        assertThat(sent).isPositive();
    }
}
