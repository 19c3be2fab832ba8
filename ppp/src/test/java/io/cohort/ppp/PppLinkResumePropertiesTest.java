package io.cohort.ppp;

import static io.cohort.ppp.PppLinkResumeTest.packet;
import static io.cohort.ppp.PppLinkResumeTest.protocolOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the MPPE mode and however far the session ran (with client packets lost on the way),
 * a server link rebuilt from its state records (patent, figure 7) gives back the very same records
 * and carries on: its packets decrypt at the client, and the client's at it once the receiver is
 * in step (stateless at once, RFC 3078 8.1; stateful after a flush, 8.2).
 */
@ExtendWith(FailingCaseReport.class)
class PppLinkResumePropertiesTest {
    static Stream<Arguments> sessions() {
        return SeededCases.of(40, r -> Arguments.of(r.oneOf(MppeStrength.class), r.bool(),
                r.intBetween(0, 600), r.intBetween(0, 600), r.setOf(0, 4, s -> s.intBetween(0, 600))));
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void aRebuiltLinkGivesBackItsRecordsAndCarriesOn(MppeStrength strength, boolean stateless, int toServer,
                                                     int toClient, Set<Integer> lost) {
        EncryptionPolicy policy = EncryptionPolicy.requireMppe(new CcpSettings(EnumSet.of(strength),
                stateless ? StatelessPolicy.REQUIRE : StatelessPolicy.FORBID));
        BackToBack b = new BackToBack(List.of(AuthMethod.MSCHAP_V2), List.of(AuthMethod.MSCHAP_V2), "wonderland",
                toServer * 601L + toClient, policy, policy);
        b.start();
        b.run(Duration.ofSeconds(1));
        int[] data = {0};
        b.pass = (fromServer, f) -> fromServer || protocolOf(f) != 0x00FD || !lost.contains(data[0]++);
        for (int i = 0; i < Math.max(toServer, toClient); i++) {
            if (i < toServer) {
                b.client.sendIpv4(packet(i));
            }
            if (i < toClient) {
                b.server.sendIpv4(packet(i));
            }
            b.pump();
        }
        b.pass = (fromServer, f) -> true;

        PppLinkInitialState initial = b.server.initialState();
        PppLinkEssentialState essential = b.server.essentialState();
        PppLink rebuilt = b.failOverServer(initial, essential);

        assertThat(rebuilt.initialState()).isEqualTo(initial);
        assertThat(rebuilt.essentialState()).isEqualTo(essential);
        int clientHad = b.clientEvents.received.size();
        for (int i = 1000; i < 1003; i++) {
            assertThat(b.client.sendIpv4(packet(i))).isTrue();
            assertThat(rebuilt.sendIpv4(packet(i))).isTrue();
            b.pump();
        }
        assertThat(b.clientEvents.received.subList(clientHad, b.clientEvents.received.size()))
                .containsExactly(packet(1000), packet(1001), packet(1002));
        List<ByteBuffer> atRebuilt = b.serverEvents.received;
        if (stateless) {
            assertThat(atRebuilt).containsExactly(packet(1000), packet(1001), packet(1002));
        } else {
            assertThat(atRebuilt).endsWith(packet(1002));
        }
        assertThat(rebuilt.phase()).isEqualTo(Phase.NETWORK);
    }
}
