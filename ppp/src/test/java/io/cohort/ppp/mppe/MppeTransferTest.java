package io.cohort.ppp.mppe;

import static io.cohort.ppp.mppe.Rfc3079Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An {@link MppeEncryptor} talking to an {@link MppeDecryptor} over a lossy path (RFC 3078 sections 3, 7, 8). */
@ExtendWith(FailingCaseReport.class)
class MppeTransferTest {
    private static final byte[] KEY = hex("SendStartKey128");

    private static MppeEncryptor sender(boolean stateless, MppeStrength strength) {
        return new MppeEncryptor(java.util.Arrays.copyOf(KEY, strength.keyLength()), new MppeMode(strength, stateless));
    }

    private static MppeDecryptor receiver(boolean stateless, MppeStrength strength) {
        return new MppeDecryptor(java.util.Arrays.copyOf(KEY, strength.keyLength()), new MppeMode(strength, stateless));
    }

    private static byte[] packet(int i) {
        return ("\u0000\u0021packet " + i).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFirstStatefulPacketIsTheRfcSample() {
        byte[] out = sender(false, MppeStrength.BITS_128).encrypt("test message".getBytes(StandardCharsets.US_ASCII));

        assertThat(out).isEqualTo(Rfc3079Vectors.golden("stateful-128-first-packet.hex"));
    }

    @Test
    void headerBitsAndCoherencyCounts() {
        MppeEncryptor stateful = sender(false, MppeStrength.BITS_128);
        MppeEncryptor stateless = sender(true, MppeStrength.BITS_128);
        List<Integer> statefulHeaders = new ArrayList<>();
        for (int i = 0; i < 4097; i++) {
            byte[] p = stateful.encrypt(packet(i));
            byte[] q = stateless.encrypt(packet(i));
            statefulHeaders.add(((p[0] & 0xFF) << 8) | (p[1] & 0xFF));
            assertThat(q[0] & 0xF0).as("stateless: A and D on every packet (3.1)").isEqualTo(0x90);
            assertThat(((q[0] & 0x0F) << 8) | (q[1] & 0xFF)).isEqualTo(i % 4096);
        }
        assertThat(statefulHeaders.get(0)).isEqualTo(0x9000); // first: flushed
        assertThat(statefulHeaders.get(1)).isEqualTo(0x1001);
        assertThat(statefulHeaders.get(0xFF)).isEqualTo(0x90FF); // flag packet: key changed, tables fresh
        assertThat(statefulHeaders.get(0x100)).isEqualTo(0x1100);
        assertThat(statefulHeaders.get(4095)).isEqualTo(0x9FFF);
        assertThat(statefulHeaders.get(4096)).isEqualTo(0x1000); // wrapped to count 0
    }

    static Stream<Arguments> lossPatterns() {
        return SeededCases.of(200, r -> Arguments.of(r.anyLong(), r.doubleBetween(0, 0.9), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("lossPatterns")
    void statelessSurvivesAnyLossPattern(long seed, double lossRate, boolean strong) {
        MppeStrength strength = strong ? MppeStrength.BITS_128 : MppeStrength.BITS_40;
        MppeEncryptor tx = sender(true, strength);
        MppeDecryptor rx = receiver(true, strength);
        Random random = new Random(seed);
        int run = 0;
        for (int i = 0; i < 600; i++) {
            byte[] encrypted = tx.encrypt(packet(i));
            // keep losses under half the count space in a row, the most 8.1 can tell from a late packet
            if (random.nextDouble() < lossRate && run < 2000) {
                run++;
                continue;
            }
            run = 0;
            assertDecrypted(rx.decrypt(encrypted), packet(i));
        }
    }

    @Test
    void statelessLosingAlmostHalfTheCountSpace() {
        MppeEncryptor tx = sender(true, MppeStrength.BITS_128);
        MppeDecryptor rx = receiver(true, MppeStrength.BITS_128);
        for (int i = 0; i < MppeDecryptor.MAX_FORWARD_GAP - 1; i++) {
            tx.encrypt(packet(i));
        }

        assertDecrypted(rx.decrypt(tx.encrypt(packet(7))), packet(7));
    }

    static Stream<Arguments> packetCounts() {
        return SeededCases.of(30, r -> Arguments.of(r.intBetween(1, 9000)));
    }

    @ParameterizedTest
    @MethodSource("packetCounts")
    void statefulWithoutLossAcrossFlagPacketsAndTheWrap(int count) {
        MppeEncryptor tx = sender(false, MppeStrength.BITS_56);
        MppeDecryptor rx = receiver(false, MppeStrength.BITS_56);
        for (int i = 0; i < count; i++) {
            assertDecrypted(rx.decrypt(tx.encrypt(packet(i))), packet(i));
        }
    }

    static Stream<Arguments> statefulLosses() {
        return Stream.of(
                Arguments.of("one packet", Set.of(10)),
                Arguments.of("the flag packet", Set.of(255)),
                Arguments.of("the packet after a flag", Set.of(256)),
                Arguments.of("a run across one flag", range(250, 270)),
                Arguments.of("300 packets: two flags", range(100, 400)),
                Arguments.of("1000 packets: four flags", range(5, 1005)),
                Arguments.of("across the 4096 wrap", range(4090, 4100)));
    }

    /**
     * 8.2: the first packet after the loss is dropped with a Reset-Request, later ones are
     * discarded until the sender, told of the Reset-Request, sets A; from then on all decrypt.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("statefulLosses")
    void statefulLossIsRepairedByResetRequest(String what, Set<Integer> lost) {
        MppeEncryptor tx = sender(false, MppeStrength.BITS_128);
        MppeDecryptor rx = receiver(false, MppeStrength.BITS_128);
        int last = lost.stream().mapToInt(Integer::intValue).max().orElseThrow() + 20;
        int resetAt = -1;
        List<MppeDropReason> drops = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            byte[] p = tx.encrypt(packet(i));
            if (lost.contains(i)) {
                continue;
            }
            MppeReceiveResult r = rx.decrypt(p);
            if (r instanceof MppeReceiveResult.Dropped d) {
                drops.add(d.reason());
                if (d.reason().sendResetRequest()) {
                    resetAt = i + 3; // the Reset-Request reaches the sender a few packets later
                }
            } else {
                assertDecrypted(r, packet(i));
            }
            if (i == resetAt) {
                tx.resetRequested();
            }
        }

        assertThat(drops).containsExactly(MppeDropReason.LOSS_DETECTED, MppeDropReason.AWAITING_FLUSH,
                MppeDropReason.AWAITING_FLUSH, MppeDropReason.AWAITING_FLUSH);
        assertThat(rx.awaitingFlush()).isFalse();
        assertThat(rx.lastCoherencyCount()).isEqualTo(last % 4096);
    }

    @Test
    void aFlagPacketArrivingAfterALossResynchronisesWithoutAReset() {
        MppeEncryptor tx = sender(false, MppeStrength.BITS_128);
        MppeDecryptor rx = receiver(false, MppeStrength.BITS_128);
        for (int i = 0; i < 255; i++) {
            tx.encrypt(packet(i)); // all lost
        }

        assertDecrypted(rx.decrypt(tx.encrypt(packet(255))), packet(255)); // A set on the flag packet
        assertDecrypted(rx.decrypt(tx.encrypt(packet(256))), packet(256));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("one octet", true, new byte[] {(byte) 0x90}, MppeDropReason.TRUNCATED),
                Arguments.of("D clear", true, new byte[] {(byte) 0x80, 0, 1, 2}, MppeDropReason.NOT_ENCRYPTED),
                Arguments.of("C set (MPPC)", true, new byte[] {(byte) 0xB0, 0, 1, 2}, MppeDropReason.COMPRESSED),
                Arguments.of("stateless without A", true, new byte[] {0x10, 0, 1, 2},
                        MppeDropReason.NOT_FLUSHED_IN_STATELESS_MODE),
                Arguments.of("stateless count 4095 first: no advance", true, new byte[] {(byte) 0x9F, (byte) 0xFF, 1},
                        MppeDropReason.REPEATED_COUNT),
                Arguments.of("stateless count far ahead", true, new byte[] {(byte) 0x98, 0x01, 1},
                        MppeDropReason.STALE_COUNT),
                Arguments.of("stateful gap", false, new byte[] {0x10, 0x05, 1}, MppeDropReason.LOSS_DETECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedPackets(String what, boolean stateless, byte[] packet, MppeDropReason reason) {
        assertThat(receiver(stateless, MppeStrength.BITS_128).decrypt(packet))
                .isEqualTo(new MppeReceiveResult.Dropped(reason));
    }

    @Test
    void aRepeatedStatelessPacketIsDroppedAndTheNextStillDecrypts() {
        MppeEncryptor tx = sender(true, MppeStrength.BITS_128);
        MppeDecryptor rx = receiver(true, MppeStrength.BITS_128);
        byte[] first = tx.encrypt(packet(0));
        rx.decrypt(first);

        assertThat(rx.decrypt(first)).isEqualTo(new MppeReceiveResult.Dropped(MppeDropReason.REPEATED_COUNT));
        assertDecrypted(rx.decrypt(tx.encrypt(packet(1))), packet(1));
    }

    @Test
    void flagCountsPassed() {
        assertThat(MppeDecryptor.flagCountsPassed(0xFFF, 1)).isZero();
        assertThat(MppeDecryptor.flagCountsPassed(0xFE, 1)).isEqualTo(1);
        assertThat(MppeDecryptor.flagCountsPassed(0xFF, 256)).isEqualTo(1);
        assertThat(MppeDecryptor.flagCountsPassed(0xFF0, 0x20)).isEqualTo(1); // 0xFFF
        assertThat(MppeDecryptor.flagCountsPassed(0, 2048)).isEqualTo(8);
    }

    @Test
    void onlyProtocolsFrom0x21To0xFaAreEncrypted() {
        assertThat(MppeHeader.encrypts(0x0021)).isTrue();
        assertThat(MppeHeader.encrypts(0x0057)).isTrue();
        assertThat(MppeHeader.encrypts(0x00FB)).isFalse();
        assertThat(MppeHeader.encrypts(0x80FD)).isFalse();
        assertThat(MppeHeader.encrypts(0xC021)).isFalse();
    }

    private static void assertDecrypted(MppeReceiveResult r, byte[] plaintext) {
        assertThat(r).isInstanceOfSatisfying(MppeReceiveResult.Decrypted.class,
                d -> assertThat(d.plaintext()).isEqualTo(plaintext));
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> s = new java.util.HashSet<>();
        for (int i = from; i < to; i++) {
            s.add(i);
        }
        return s;
    }
}
