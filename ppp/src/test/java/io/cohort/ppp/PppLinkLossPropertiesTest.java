package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Random loss and duplication between two links: they converge or fail cleanly, never throw. */
@ExtendWith(FailingCaseReport.class)
class PppLinkLossPropertiesTest {
    static Stream<Arguments> lossyLinks() {
        return SeededCases.of(60, r -> Arguments.of(r.intBetween(0, 40), r.intBetween(0, 7), r.anyLong(),
                r.oneOf(AuthMethod.class)));
    }

    @ParameterizedTest
    @MethodSource("lossyLinks")
    void convergesOrFailsCleanly(int lossPercent, int duplicateEvery, long seed, AuthMethod method) {
        BackToBack b = new BackToBack(List.of(method), List.of(AuthMethod.values()), "wonderland", seed);
        Random loss = new Random(seed);
        b.pass = (fromServer, frame) -> loss.nextInt(100) >= lossPercent;
        b.duplicateEvery = duplicateEvery;
        b.start();
        b.run(Duration.ofSeconds(120));

        for (PppLink link : List.of(b.server, b.client)) {
            assertThat(link.phase()).isIn(Phase.NETWORK, Phase.DEAD, Phase.AUTHENTICATE, Phase.ESTABLISH,
                    Phase.TERMINATE);
        }
        if (b.server.phase() == Phase.NETWORK && b.client.phase() == Phase.NETWORK
                && b.clientEvents.local != null) {
            assertThat(b.clientEvents.local).isEqualTo(BackToBack.ip("10.0.0.2"));
            assertThat(b.serverEvents.authenticated).isEqualTo("alice");
        }
        if (lossPercent == 0) {
            assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
            assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
        }
        if (b.server.phase() == Phase.DEAD) {
            assertThat(b.serverEvents.down).isNotNull();
        }
    }
}
