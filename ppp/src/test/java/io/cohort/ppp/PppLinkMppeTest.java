package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two links back to back with encryption policies: LCP, MS-CHAPv2, CCP (MPPE, RFC 3078) and IPCP
 * on virtual time, then IPv4 both ways as protocol 0x00FD, with and without loss.
 */
class PppLinkMppeTest {
    private static final EncryptionPolicy STATELESS_128 = EncryptionPolicy.MPPE_128_REQUIRED;
    private static final EncryptionPolicy STATEFUL_128 = EncryptionPolicy.requireMppe(
            new CcpSettings(EnumSet.of(MppeStrength.BITS_128), StatelessPolicy.FORBID));
    private static final List<AuthMethod> MSCHAP = List.of(AuthMethod.MSCHAP_V2);

    /** Protocol numbers of every frame that crossed the wire, and whether it was delivered. */
    private final Set<Integer> protocolsOnWire = new HashSet<>();

    private BackToBack up(EncryptionPolicy server, EncryptionPolicy client, long seed) {
        BackToBack b = new BackToBack(MSCHAP, MSCHAP, "wonderland", seed, server, client);
        b.pass = (fromServer, f) -> {
            protocolsOnWire.add(protocolOf(f));
            return true;
        };
        b.start();
        b.run(Duration.ofSeconds(1));
        return b;
    }

    @ParameterizedTest
    @EnumSource(MppeStrength.class)
    void negotiatesMppeAndCarriesIpv4EncryptedBothWays(MppeStrength strength) {
        EncryptionPolicy policy = EncryptionPolicy.requireMppe(
                new CcpSettings(EnumSet.of(strength), StatelessPolicy.REQUIRE));
        BackToBack b = up(policy, policy, 11);

        MppeMode expected = new MppeMode(strength, true);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.server.snapshot().encryption()).contains(expected);
        assertThat(b.client.snapshot().encryption()).contains(expected);
        assertThat(b.serverEvents.encrypted).isEqualTo(expected);
        assertThat(b.clientEvents.encrypted).isEqualTo(expected);
        assertThat(b.serverEvents.encryptedBeforeIpv4Up).isTrue();
        assertThat(b.clientEvents.encryptedBeforeIpv4Up).isTrue();
        assertThat(protocolsOnWire).contains(0x80FD).doesNotContain(0x0021, 0x0057);

        byte[] ping = {0x45, 0, 0, 20, 'p', 'i', 'n', 'g'};
        List<ByteBuffer> payloads = new ArrayList<>();
        b.pass = (fromServer, f) -> {
            protocolsOnWire.add(protocolOf(f));
            payloads.add(f);
            return true;
        };
        assertThat(b.client.sendIpv4(ByteBuffer.wrap(ping))).isTrue();
        assertThat(b.server.sendIpv4(ByteBuffer.wrap(ping))).isTrue();
        assertThat(b.server.sendIpv6(ByteBuffer.wrap(new byte[] {0x60, 1, 2}))).isTrue();
        b.pump();

        assertThat(b.serverEvents.received).containsExactly(ByteBuffer.wrap(ping));
        assertThat(b.clientEvents.received).containsExactly(ByteBuffer.wrap(ping), ByteBuffer.wrap(new byte[] {0x60, 1, 2}));
        assertThat(payloads).allSatisfy(f -> assertThat(protocolOf(f)).isEqualTo(0x00FD));
        assertThat(payloads).noneSatisfy(f -> assertThat(contains(f, "ping".getBytes())).isTrue());
        assertThat(protocolsOnWire).doesNotContain(0x0021, 0x0057);
    }

    @Test
    void theServersCcpRequestIsTheGoldenMppe128StatelessOne() {
        List<ByteBuffer> ccp = new ArrayList<>();
        BackToBack b = new BackToBack(MSCHAP, MSCHAP, "wonderland", 23, STATELESS_128, STATELESS_128);
        b.pass = (fromServer, f) -> {
            if (fromServer && protocolOf(f) == 0x80FD) {
                ccp.add(f);
            }
            return true;
        };
        b.start();
        b.run(Duration.ofSeconds(1));

        byte[] first = payloadOf(ccp.getFirst());
        byte[] golden = golden("/ccp/configure-request-mppe-128-stateless.hex");
        golden[1] = first[1]; // the Identifier is the automaton's
        assertThat(first).isEqualTo(golden);
    }

    @Test
    void statefulModeCrossesSeveralKeyChanges() {
        BackToBack b = up(STATEFUL_128, STATEFUL_128, 12);
        assertThat(b.server.snapshot().encryption()).contains(new MppeMode(MppeStrength.BITS_128, false));

        for (int i = 0; i < 700; i++) {
            assertThat(b.client.sendIpv4(packet(i))).isTrue();
            assertThat(b.server.sendIpv4(packet(i))).isTrue();
        }
        b.pump();

        assertThat(b.serverEvents.received).hasSize(700);
        assertThat(b.clientEvents.received).hasSize(700);
        for (int i = 0; i < 700; i++) {
            assertThat(b.serverEvents.received.get(i)).isEqualTo(packet(i));
            assertThat(b.clientEvents.received.get(i)).isEqualTo(packet(i));
        }
        assertThat(b.counters.get("ppp.mppe.tx.reset_request")).isZero();
    }

    @Test
    void statelessModeLosesNothingButTheLostPackets() {
        BackToBack b = up(STATELESS_128, STATELESS_128, 13);
        int[] mppeFrames = {0};
        b.pass = (fromServer, f) -> protocolOf(f) != 0x00FD || ++mppeFrames[0] % 7 != 0;

        for (int i = 0; i < 400; i++) {
            b.client.sendIpv4(packet(i));
            b.pump();
        }

        List<ByteBuffer> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            if ((i + 1) % 7 != 0) {
                expected.add(packet(i));
            }
        }
        assertThat(b.serverEvents.received).containsExactlyElementsOf(expected);
        assertThat(b.counters.get("ppp.mppe.tx.reset_request")).isZero();
    }

    @Test
    void statefulModeRecoversFromLossWithAResetRequest() {
        BackToBack b = up(STATEFUL_128, STATEFUL_128, 14);
        int[] mppeFrames = {0};
        Set<Integer> lost = Set.of(5, 100, 300, 301, 600);
        b.pass = (fromServer, f) -> protocolOf(f) != 0x00FD || !lost.contains(mppeFrames[0]++);

        for (int i = 0; i < 700; i++) {
            b.client.sendIpv4(packet(i));
            b.pump(); // the Reset-Request/Reset-Ack goes round before the next packet
        }

        // Each loss costs the lost packet and the next one (dropped as LOSS_DETECTED); the packet
        // after that has FLUSHED set because the Reset-Request reached the sender.
        Set<Integer> missing = Set.of(5, 6, 100, 101, 300, 301, 302, 600, 601);
        List<ByteBuffer> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            if (!missing.contains(i)) {
                expected.add(packet(i));
            }
        }
        assertThat(b.serverEvents.received).containsExactlyElementsOf(expected);
        assertThat(b.counters.get("ppp.mppe.tx.reset_request")).isEqualTo(4);
        assertThat(b.counters.get("ppp.mppe.rx.reset_request")).isEqualTo(4);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void aLostResetRequestIsRepeatedWhilePacketsAreDiscarded() {
        BackToBack b = up(STATEFUL_128, STATEFUL_128, 22);
        int[] mppeFrames = {0};
        boolean[] resetDropped = {false};
        b.pass = (fromServer, f) -> {
            int protocol = protocolOf(f);
            if (protocol == 0x00FD) {
                return mppeFrames[0]++ != 10;
            }
            if (protocol == 0x80FD && fromServer && !resetDropped[0]) {
                resetDropped[0] = true; // the server's first Reset-Request is lost
                return false;
            }
            return true;
        };

        for (int i = 0; i < 20; i++) {
            b.client.sendIpv4(packet(i));
            b.run(Duration.ofSeconds(1));
        }

        // 10 lost, 11 detects it (Reset-Request lost), 12 and 13 discarded awaiting FLUSHED, 14 is
        // discarded 3 s (the restart interval) after the first request and repeats it (RFC 1962 3.1).
        List<ByteBuffer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i < 10 || i > 14) {
                expected.add(packet(i));
            }
        }
        assertThat(b.serverEvents.received).containsExactlyElementsOf(expected);
        assertThat(b.counters.get("ppp.mppe.tx.reset_request")).isEqualTo(2);
        assertThat(b.counters.get("ppp.mppe.rx.dropped.awaiting_flush")).isEqualTo(3);
    }

    @Test
    void requiredMppeWithAPeerThatRejectsCcpTerminatesTheLink() {
        BackToBack b = up(STATELESS_128, EncryptionPolicy.NONE, 15);
        b.run(Duration.ofSeconds(10));

        assertThat(b.serverEvents.down).isEqualTo("MPPE required but the peer rejected CCP");
        assertThat(b.clientEvents.down).isNotNull();
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.serverEvents.peer).isNull(); // never announced IPv4 without encryption
        assertThat(b.serverEvents.received).isEmpty();
    }

    @Test
    void requiredMppeOnTheClientAgainstAServerWithoutItTerminatesTheLink() {
        BackToBack b = up(EncryptionPolicy.NONE, STATELESS_128, 16);
        b.run(Duration.ofSeconds(10));

        assertThat(b.clientEvents.down).isEqualTo("MPPE required but the peer rejected CCP");
        assertThat(b.clientEvents.local).isNull();
    }

    @Test
    void noCommonStrengthTerminatesTheLink() {
        EncryptionPolicy only40 = EncryptionPolicy.requireMppe(
                new CcpSettings(EnumSet.of(MppeStrength.BITS_40), StatelessPolicy.REQUIRE));
        BackToBack b = up(STATELESS_128, only40, 17);
        b.run(Duration.ofSeconds(10));

        assertThat(b.client.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(List.of(b.serverEvents.down, b.clientEvents.down))
                .anySatisfy(r -> assertThat(r).startsWith("MPPE required but the peer refused"));
    }

    @Test
    void authenticationWithoutMppeKeysTerminatesTheLink() {
        BackToBack b = new BackToBack(List.of(AuthMethod.MSCHAP_V2, AuthMethod.PAP), List.of(AuthMethod.PAP),
                "wonderland", 18, STATELESS_128, EncryptionPolicy.NONE);
        b.start();
        b.run(Duration.ofSeconds(10));

        assertThat(b.serverEvents.authenticated).isEqualTo("alice");
        assertThat(b.serverEvents.down).contains("gave no MPPE keys");
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
    }

    @Test
    void cleartextDatagramsAreDroppedOnceMppeIsRequired() {
        BackToBack b = up(STATELESS_128, STATELESS_128, 19);
        b.server.receive(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x03, 0x00, 0x21, 0x45, 0, 0, 20}));
        b.server.receive(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x03, 0x00, 0x57, 0x60, 0}));

        assertThat(b.serverEvents.received).isEmpty();
        assertThat(b.counters.get("ppp.rx.cleartext_dropped")).isEqualTo(2);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void garbageMppePacketsAreCountedAndDropped() {
        BackToBack b = up(STATELESS_128, STATELESS_128, 20);
        b.server.receive(ByteBuffer.wrap(new byte[] {0x00, (byte) 0xFD}));                     // truncated
        b.server.receive(ByteBuffer.wrap(new byte[] {0x00, (byte) 0xFD, 0x00, 0x05, 1, 2}));   // D clear
        b.server.receive(ByteBuffer.wrap(new byte[] {0x00, (byte) 0xFD, (byte) 0x30, 0x00, 9}));  // C set: MPPC

        assertThat(b.serverEvents.received).isEmpty();
        assertThat(b.counters.get("ppp.mppe.rx.dropped.truncated")).isEqualTo(1);
        assertThat(b.counters.get("ppp.mppe.rx.dropped.not_encrypted")).isEqualTo(1);
        assertThat(b.counters.get("ppp.mppe.rx.dropped.compressed")).isEqualTo(1);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        // the link still works afterwards
        b.client.sendIpv4(packet(1));
        b.pump();
        assertThat(b.serverEvents.received).containsExactly(packet(1));
    }

    @Test
    void encryptionPolicyNoneRunsNoCcpAtAll() {
        BackToBack b = up(EncryptionPolicy.NONE, EncryptionPolicy.NONE, 21);
        b.client.sendIpv4(packet(7));
        b.pump();

        assertThat(protocolsOnWire).doesNotContain(0x80FD, 0x00FD).contains(0x0021);
        assertThat(b.server.snapshot().encryption()).isEmpty();
        assertThat(b.serverEvents.encrypted).isNull();
        assertThat(b.serverEvents.received).containsExactly(packet(7));
    }

    private static ByteBuffer packet(int i) {
        return ByteBuffer.wrap(new byte[] {0x45, 0, 0, 24, (byte) (i >>> 8), (byte) i, 'd', 'a', 't', 'a'});
    }

    private static int protocolOf(ByteBuffer frame) {
        return PppFrameCodec.decode(frame.duplicate()) instanceof DecodeResult.Ok<PppFrame> ok
                ? ok.value().protocol() : -1;
    }

    /** The octets of a golden .hex resource: '#' starts a comment, white space is ignored. */
    private static byte[] golden(String resource) {
        try (InputStream in = PppLinkMppeTest.class.getResourceAsStream(resource)) {
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] payloadOf(ByteBuffer frame) {
        ByteBuffer p = ((DecodeResult.Ok<PppFrame>) PppFrameCodec.decode(frame.duplicate())).value().payload();
        byte[] out = new byte[p.remaining()];
        p.duplicate().get(out);
        return out;
    }

    private static boolean contains(ByteBuffer haystack, byte[] needle) {
        byte[] h = new byte[haystack.remaining()];
        haystack.duplicate().get(h);
        outer:
        for (int i = 0; i + needle.length <= h.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (h[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
