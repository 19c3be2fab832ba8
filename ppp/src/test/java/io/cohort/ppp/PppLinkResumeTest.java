package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server link snapshotted mid-session into its initial and essential state (patent, figure 7)
 * and rebuilt from them, as on another member: the client, which is not told, carries on with
 * MPPE in both directions (RFC 3078), its LCP echoes answered (RFC 1661 5.8) and nothing
 * renegotiated.
 */
class PppLinkResumeTest {
    private static final List<AuthMethod> MSCHAP = List.of(AuthMethod.MSCHAP_V2);
    private static final int LCP = 0xC021;

    static EncryptionPolicy mppe128(boolean stateless) {
        return EncryptionPolicy.requireMppe(new CcpSettings(EnumSet.of(MppeStrength.BITS_128),
                stateless ? StatelessPolicy.REQUIRE : StatelessPolicy.FORBID));
    }

    private static BackToBack up(EncryptionPolicy policy, long seed) {
        BackToBack b = new BackToBack(MSCHAP, MSCHAP, "wonderland", seed, policy, policy);
        b.start();
        b.run(Duration.ofSeconds(1));
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        return b;
    }

    @ParameterizedTest(name = "stateless={0}")
    @ValueSource(booleans = {true, false})
    void aRebuiltServerCarriesOnWhereTheOriginalStopped(boolean stateless) {
        BackToBack b = up(mppe128(stateless), 31);
        // 300 packets each way: past a stateful key change (count 0xFF, RFC 3078 7.2)
        for (int i = 0; i < 300; i++) {
            assertThat(b.client.sendIpv4(packet(i))).isTrue();
            assertThat(b.server.sendIpv4(packet(i))).isTrue();
        }
        b.pump();
        assertThat(b.serverEvents.received).hasSize(300);
        assertThat(b.clientEvents.received).hasSize(300);

        PppLinkInitialState initial = b.server.initialState();
        PppLinkEssentialState essential = b.server.essentialState();
        assertThat(essential.mppeSend().orElseThrow().coherencyCount()).isEqualTo(299);
        assertThat(essential.mppeReceive().orElseThrow().coherencyCount()).isEqualTo(299);
        assertThat(initial.ipv6cp()).isPresent();
        assertThat(initial.user()).contains("alice");

        List<ByteBuffer> fromRebuilt = new ArrayList<>();
        b.pass = (fromServer, f) -> {
            if (fromServer) {
                fromRebuilt.add(f);
            }
            return true;
        };
        PppLink rebuilt = b.failOverServer(initial, essential);
        List<ByteBuffer> clientHad = new ArrayList<>(b.clientEvents.received);

        for (int i = 300; i < 320; i++) {
            assertThat(b.client.sendIpv4(packet(i))).isTrue();
            assertThat(rebuilt.sendIpv4(packet(i))).isTrue();
        }
        b.pump();

        assertThat(rebuilt.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.serverEvents.received).containsExactlyElementsOf(packets(300, 320));
        assertThat(b.clientEvents.received.subList(clientHad.size(), b.clientEvents.received.size()))
                .containsExactlyElementsOf(packets(300, 320));
        assertThat(b.counters.counter("ppp.mppe.rx.dropped.loss_detected").get()).isZero();

        b.run(Duration.ofSeconds(60)); // six keepalive intervals: three unanswered would end a link
        assertThat(rebuilt.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.clientEvents.down).isNull();
        assertThat(lcpCodes(fromRebuilt)).contains(ControlCode.ECHO_REQUEST.code(), ControlCode.ECHO_REPLY.code())
                .doesNotContain(ControlCode.CONFIGURE_REQUEST.code(), ControlCode.TERMINATE_REQUEST.code());
        assertThat(fromRebuilt).allSatisfy(f -> assertThat(protocolOf(f)).isIn(LCP, 0x00FD));
        assertThat(rebuilt.snapshot().user()).contains("alice");
        assertThat(rebuilt.snapshot().encryption()).contains(new MppeMode(MppeStrength.BITS_128, stateless));

        rebuilt.close("administratively closed"); // RFC 1661 5.5: Terminate-Request, then both ends down
        b.run(Duration.ofSeconds(10)); // the client waits one restart interval in Stopping (RFC 1661 4.2)
        assertThat(b.clientEvents.down).isNotNull();
        assertThat(b.serverEvents.down).isEqualTo("administratively closed");
        assertThat(rebuilt.phase()).isEqualTo(Phase.DEAD);
    }

    @ParameterizedTest(name = "stateless={0}")
    @ValueSource(booleans = {true, false})
    void aServerRebuiltFromStaleStateJumpsItsCountAheadAndCarriesOn(boolean stateless) {
        BackToBack b = up(mppe128(stateless), 38);
        for (int i = 0; i < 100; i++) {
            b.client.sendIpv4(packet(i));
            b.server.sendIpv4(packet(i));
            b.pump();
        }
        PppLinkInitialState initial = b.server.initialState();
        PppLinkEssentialState stale = b.server.essentialState();
        for (int i = 100; i < 150; i++) { // sent after the last replication of the essential state
            b.client.sendIpv4(packet(i));
            b.server.sendIpv4(packet(i));
            b.pump();
        }

        PppLink rebuilt = b.failOverServer(initial, stale);
        rebuilt.jumpMppeCountsAhead(100);
        int clientHad = b.clientEvents.received.size();
        for (int i = 1000; i < 1003; i++) {
            b.client.sendIpv4(packet(i));
            rebuilt.sendIpv4(packet(i));
            b.pump();
        }

        assertThat(b.clientEvents.received.subList(clientHad, b.clientEvents.received.size()))
                .containsExactly(packet(1000), packet(1001), packet(1002));
        if (stateless) {
            assertThat(b.serverEvents.received).containsExactly(packet(1000), packet(1001), packet(1002));
        } else { // the first shows the gap: a Reset-Request, then the client flushes (RFC 3078 8.2)
            assertThat(b.serverEvents.received).containsExactly(packet(1001), packet(1002));
        }
        assertThat(rebuilt.essentialState().mppeSend().orElseThrow().coherencyCount()).isEqualTo(99 + 100 + 3);
    }

    @Test
    void aRebuiltStatefulSenderAnswersTheClientsResetRequest() {
        BackToBack b = up(mppe128(false), 39);
        for (int i = 0; i < 10; i++) {
            b.server.sendIpv4(packet(i));
            b.pump();
        }
        PppLink rebuilt = b.failOverServer(b.server.initialState(), b.server.essentialState());
        int[] n = {0};
        b.pass = (fromServer, f) -> !fromServer || protocolOf(f) != 0x00FD || n[0]++ != 0; // its first is lost
        int clientHad = b.clientEvents.received.size();
        for (int i = 10; i < 13; i++) {
            rebuilt.sendIpv4(packet(i));
            b.pump();
        }

        // the 11th showed the client a gap (dropped, a Reset-Request sent); the rebuilt server reset
        // its encryptor, and the 12th, FLUSHED, decrypts (RFC 3078 8.2)
        assertThat(b.clientEvents.received.subList(clientHad, b.clientEvents.received.size()))
                .containsExactly(packet(12));
        assertThat(b.counters.counter("ppp.mppe.rx.reset_request").get()).isEqualTo(1);
    }

    @Test
    void aStatefulReceiverRebuiltWhileAwaitingAFlushStillResynchronises() {
        BackToBack b = up(mppe128(false), 32);
        int[] n = {0};
        // the client's 6th data packet is lost, and so are the server's Reset-Requests (RFC 3078 8.2)
        b.pass = (fromServer, f) -> fromServer ? protocolOf(f) != 0x80FD : protocolOf(f) != 0x00FD || n[0]++ != 5;
        for (int i = 0; i < 8; i++) {
            b.client.sendIpv4(packet(i));
            b.pump();
        }
        PppLinkEssentialState essential = b.server.essentialState();
        assertThat(essential.mppeReceive().orElseThrow().awaitingFlush()).isTrue();
        PppLinkInitialState initial = b.server.initialState();
        b.pass = (fromServer, f) -> true;

        PppLink rebuilt = b.failOverServer(initial, essential);
        b.client.sendIpv4(packet(100)); // discarded: the rebuilt server asks for a flush again
        b.pump();
        b.client.sendIpv4(packet(101));
        b.pump();

        assertThat(rebuilt.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.serverEvents.received).containsExactly(packet(101));
    }

    @Test
    void aLinkWithoutMppeHasNoEssentialStateAndIsRebuiltAllTheSame() {
        BackToBack b = up(EncryptionPolicy.NONE, 33);
        PppLinkInitialState initial = b.server.initialState();
        assertThat(b.server.essentialState()).isEqualTo(PppLinkEssentialState.NONE);
        assertThat(initial.mppeKeys()).isEmpty();
        assertThat(initial.ipcp().peerAddress()).isEqualTo(BackToBack.ip("10.0.0.2"));
        assertThat(initial.ipcp().peerAddressFromPool()).isTrue();

        PppLink rebuilt = b.failOverServer(initial, PppLinkEssentialState.NONE);
        b.client.sendIpv4(packet(1));
        rebuilt.sendIpv4(packet(2));
        b.pump();

        assertThat(b.serverEvents.received).containsExactly(packet(1));
        assertThat(b.clientEvents.received).contains(packet(2));
        assertThat(rebuilt.initialState()).isEqualTo(initial);
    }

    @Test
    void anAbandonedLinkEndsAtOnceWithoutAFrameAndGivesItsAddressBack() {
        BackToBack b = up(mppe128(true), 35);
        List<ByteBuffer> fromServer = new ArrayList<>();
        b.pass = (server, frame) -> {
            if (server) {
                fromServer.add(frame);
            }
            return true;
        };

        b.server.abandon("moved to another member");
        b.run(Duration.ofMinutes(1));

        assertThat(b.serverEvents.down).isEqualTo("moved to another member");
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.released).containsExactly(BackToBack.ip("10.0.0.2"));
        assertThat(fromServer).as("no Terminate-Request, no Echo-Request").isEmpty();
    }

    @Test
    void noStateBeforeTheLinkIsUp() {
        BackToBack b = new BackToBack(MSCHAP, MSCHAP, "wonderland", 34, mppe128(true), mppe128(true));
        assertThatThrownBy(b.server::initialState).isInstanceOf(IllegalStateException.class);
        assertThat(b.server.essentialState()).isEqualTo(PppLinkEssentialState.NONE);
    }

    @Test
    void recordsThatDoNotFitTheConfigurationAreRefused() {
        BackToBack b = up(EncryptionPolicy.NONE, 35);
        PppLinkInitialState clear = b.server.initialState();
        BackToBack encrypted = up(mppe128(true), 36);
        assertThatThrownBy(() -> encrypted.failOverServer(clear, PppLinkEssentialState.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNeverAppearInToString() {
        BackToBack b = up(mppe128(false), 37);
        b.client.sendIpv4(packet(1));
        b.server.sendIpv4(packet(1));
        b.pump();
        PppLinkInitialState initial = b.server.initialState();
        PppLinkEssentialState essential = b.server.essentialState();
        HexFormat hex = HexFormat.of();
        byte[] master = initial.mppeKeys().orElseThrow().masterKey();
        byte[] sendKey = essential.mppeSend().orElseThrow().sessionKey();
        byte[] receiveKey = essential.mppeReceive().orElseThrow().sessionKey();

        String shown = initial + " " + essential;
        for (byte[] key : List.of(master, sendKey, receiveKey)) {
            assertThat(shown.toLowerCase()).doesNotContain(hex.formatHex(key)).doesNotContain(hex.formatHex(key, 0, 4));
        }
        assertThat(shown).contains("redacted").contains("alice");
    }

    static ByteBuffer packet(int i) {
        return ByteBuffer.wrap(new byte[] {0x45, 0, 0, 24, (byte) (i >>> 8), (byte) i, 'd', 'a', 't', 'a'});
    }

    private static List<ByteBuffer> packets(int from, int to) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(packet(i));
        }
        return out;
    }

    static int protocolOf(ByteBuffer frame) {
        return PppFrameCodec.decode(frame.duplicate()) instanceof DecodeResult.Ok<PppFrame> ok
                ? ok.value().protocol() : -1;
    }

    private static List<Integer> lcpCodes(List<ByteBuffer> frames) {
        List<Integer> codes = new ArrayList<>();
        for (ByteBuffer f : frames) {
            if (PppFrameCodec.decode(f.duplicate()) instanceof DecodeResult.Ok<PppFrame> ok
                    && ok.value().protocol() == LCP) {
                codes.add(ok.value().payload().get(ok.value().payload().position()) & 0xFF);
            }
        }
        return codes;
    }
}
