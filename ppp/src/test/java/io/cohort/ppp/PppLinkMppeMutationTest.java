package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeStrength;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server {@link PppLink} that requires MPPE, fed damaged copies of its client's frames (CCP
 * requests, Reset-Requests, MPPE packets) during negotiation and once encrypted. It must never
 * throw and must end in the Network phase or Dead with a reason. (A damaged MPPE packet can move
 * the coherency count forward and cost the genuine packets behind it; RFC 3078 9 names this
 * attack, so delivery afterwards is not asserted.)
 */
class PppLinkMppeMutationTest {
    private static final int RUNS = 25;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void damagedFramesNeverThrow(boolean stateless) {
        EncryptionPolicy policy = EncryptionPolicy.requireMppe(new CcpSettings(EnumSet.of(MppeStrength.BITS_128),
                stateless ? StatelessPolicy.REQUIRE : StatelessPolicy.FORBID));
        for (int run = 0; run < RUNS; run++) {
            long seed = run * 17L + (stateless ? 1 : 0);
            Random random = new Random(seed);
            FrameMutator mutator = new FrameMutator(random);
            BackToBack b = new BackToBack(List.of(AuthMethod.MSCHAP_V2), List.of(AuthMethod.MSCHAP_V2), "wonderland",
                    seed, policy, policy);
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
            if (run % 2 == 0) {
                b.run(Duration.ofSeconds(1));
                for (int i = 0; i < 5; i++) {
                    b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45, 0, 0, 20, (byte) i}));
                }
                b.pump();
            }
            for (int step = 0; step < 30 && !fromClient.isEmpty(); step++) {
                for (int i = 0; i < 5; i++) {
                    b.server.receive(ByteBuffer.wrap(mutator.mutate(fromClient.get(random.nextInt(fromClient.size())))));
                }
                b.pump();
                b.scheduler.advance(Duration.ofMillis(100));
            }
            b.run(Duration.ofSeconds(90));

            assertThat(b.server.phase()).as("run %d", run).isIn(Phase.NETWORK, Phase.DEAD);
            if (b.server.phase() == Phase.DEAD) {
                assertThat(b.serverEvents.down).as("run %d", run).isNotNull();
            }
        }
    }
}
