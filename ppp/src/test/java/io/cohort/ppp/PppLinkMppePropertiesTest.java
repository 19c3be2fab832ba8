package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MPPE over a lossy wire, both modes: whatever data packets are lost, what arrives is in order,
 * never corrupted, and the receiver is back in step soon after the last loss (stateless: at once,
 * RFC 3078 8.1; stateful: after the Reset-Request, 8.2).
 */
@ExtendWith(FailingCaseReport.class)
class PppLinkMppePropertiesTest {
    private static final int PACKETS = 300;

    static Stream<Arguments> modesAndLosses() {
        return SeededCases.of(25, r -> Arguments.of(r.bool(), r.setOf(0, 12, s -> s.intBetween(0, PACKETS - 10))));
    }

    @ParameterizedTest
    @MethodSource("modesAndLosses")
    void lossNeverCorruptsAndSyncReturns(boolean stateless, Set<Integer> lost) {
        EncryptionPolicy policy = EncryptionPolicy.requireMppe(new CcpSettings(EnumSet.of(MppeStrength.BITS_128),
                stateless ? StatelessPolicy.REQUIRE : StatelessPolicy.FORBID));
        BackToBack b = new BackToBack(List.of(AuthMethod.MSCHAP_V2), List.of(AuthMethod.MSCHAP_V2), "wonderland", 5,
                policy, policy);
        b.start();
        b.run(Duration.ofSeconds(1));
        assertThat(b.client.snapshot().encryption()).isPresent();
        int[] sent = {0};
        b.pass = (fromServer, f) -> fromServer || protocolOf(f) != 0x00FD || !lost.contains(sent[0]++);

        for (int i = 0; i < PACKETS; i++) {
            b.client.sendIpv4(packet(i));
            b.pump();
        }

        List<Integer> got = new ArrayList<>();
        for (ByteBuffer p : b.serverEvents.received) {
            assertThat(p.remaining()).isEqualTo(6);
            assertThat(p.get(0)).isEqualTo((byte) 0x45);
            got.add(((p.get(4) & 0xFF) << 8) | (p.get(5) & 0xFF));
        }
        assertThat(got).isSorted().doesNotHaveDuplicates();
        for (int l : lost) {
            assertThat(got).doesNotContain(l);
        }
        int lastLoss = lost.stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int i = lastLoss + 3; i < PACKETS; i++) {
            assertThat(got).contains(i);
        }
        if (stateless) {
            assertThat(got).hasSize(PACKETS - lost.size());
        }
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
    }

    private static ByteBuffer packet(int i) {
        return ByteBuffer.wrap(new byte[] {0x45, 0, 0, 6, (byte) (i >>> 8), (byte) i});
    }

    private static int protocolOf(ByteBuffer frame) {
        return PppFrameCodec.decode(frame.duplicate()) instanceof DecodeResult.Ok<PppFrame> ok
                ? ok.value().protocol() : -1;
    }
}
