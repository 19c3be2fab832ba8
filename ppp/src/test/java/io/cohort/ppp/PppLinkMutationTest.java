package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.lcp.AuthMethod;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server {@link PppLink} fed damaged copies of what its real client sends, during negotiation
 * and once the link is open, in virtual time. The link must never throw, must count the frames
 * it drops, and once the damage stops it must settle: either back in the Network phase passing
 * packets, or Dead after reporting why (a damaged frame can be a legitimate Terminate-Request or
 * a wrong password) — never stuck half-way.
 */
class PppLinkMutationTest {
    private static final int RUNS = 30;

    enum When { DURING_NEGOTIATION, ONCE_OPEN }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void damagedFramesDuringNegotiation(AuthMethod method) {
        fuzz(method, When.DURING_NEGOTIATION);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void damagedFramesOnAnOpenLink(AuthMethod method) {
        fuzz(method, When.ONCE_OPEN);
    }

    private static void fuzz(AuthMethod method, When when) {
        Map<Phase, Integer> outcomes = new EnumMap<>(Phase.class);
        long malformed = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = run * 31L + method.ordinal();
            Random random = new Random(seed);
            FrameMutator mutator = new FrameMutator(random);
            BackToBack b = new BackToBack(List.of(method), List.of(AuthMethod.values()), "wonderland", seed);
            List<byte[]> fromClient = new ArrayList<>();
            b.pass = (fromServer, frame) -> {
                if (!fromServer) {
                    byte[] copy = new byte[frame.remaining()];
                    frame.duplicate().get(copy);
                    fromClient.add(copy);
                }
                return true;
            };
            b.start();
            if (when == When.ONCE_OPEN) {
                b.run(Duration.ofSeconds(1));
                assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
                b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45, 0, 0, 20}));
                b.pump();
            }
            for (int step = 0; step < 40 && !fromClient.isEmpty(); step++) {
                for (int i = 0; i < 5; i++) {
                    byte[] damaged = mutator.mutate(fromClient.get(random.nextInt(fromClient.size())));
                    receive(b.server, damaged);
                }
                b.pump();
                b.scheduler.advance(Duration.ofMillis(100));
            }
            b.run(Duration.ofSeconds(90)); // no more damage: restart timers and retries play out

            Phase phase = b.server.phase();
            outcomes.merge(phase, 1, Integer::sum);
            assertThat(phase).as("run %d", run).isIn(Phase.NETWORK, Phase.DEAD);
            if (phase == Phase.DEAD) {
                assertThat(b.serverEvents.down).as("run %d: dead without a reason", run).isNotNull();
            } else {
                assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
                int before = b.serverEvents.received.size();
                assertThat(b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45, 1, 2, 3}))).isTrue();
                b.pump();
                assertThat(b.serverEvents.received).hasSize(before + 1);
            }
            malformed += b.counters.snapshot().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("ppp.rx.malformed.")).mapToLong(Map.Entry::getValue).sum();
        }
        assertThat(malformed).isPositive();
        assertThat(outcomes).containsKey(Phase.NETWORK); // the damage does not simply kill every link
    }

    private static void receive(PppLink link, byte[] frame) {
        try {
            link.receive(ByteBuffer.wrap(frame));
        } catch (RuntimeException e) {
            throw new AssertionError("PppLink threw on " + HexFormat.of().formatHex(frame) + " in " + link.phase(), e);
        }
    }
}
