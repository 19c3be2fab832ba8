package io.cohort.cluster.secure;

import static io.cohort.cluster.secure.TestCluster.ALPHA;
import static io.cohort.cluster.secure.TestCluster.MASTER;
import static io.cohort.cluster.secure.TestCluster.trafficKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.telemetry.Counters;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class SealerOpenerTest {
    /**
     * {@code secure/keepalive-from-alpha.hex}: "keepalive" from alpha, key id 0, sequence 1, under
     * the key of 32 bytes 0x42: 01 | 05 | "alpha" | 00000000 | 0000000000000001 | ciphertext (9) |
     * tag (16). The ciphertext and tag are checked against the JDK's own ChaCha20-Poly1305
     * ({@link #theGoldenEnvelopeOpensWithTheJdksChaCha20Poly1305}), an implementation independent of Bouncy Castle.
     */
    static final String GOLDEN = golden();

    private static String golden() {
        try (var in = SealerOpenerTest.class.getResourceAsStream("/secure/keepalive-from-alpha.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Counters counters = new Counters();
    private final Opener opener = new Opener(counters);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Long> drops() {
        Map<String, Long> all = new java.util.TreeMap<>(counters.snapshot());
        all.values().removeIf(v -> v == 0);
        return all;
    }

    @Test
    void theGoldenEnvelope() {
        assertThat(GOLDEN).startsWith("01" + "05" + "616c706861" + "00000000" + "0000000000000001");
        Sealer sealer = new Sealer(ALPHA, trafficKey(0, 0x42));

        assertThat(HexFormat.of().formatHex(sealer.seal(utf8("keepalive")))).isEqualTo(GOLDEN);
    }

    @Test
    void theOverheadIsWhatSealingAddsToThePlaintext() {
        byte[] plaintext = utf8("keepalive");

        assertThat(SealedEnvelope.overhead(ALPHA)).isEqualTo(2 + 5 + 4 + 8 + 16);
        assertThat(new Sealer(ALPHA, trafficKey(0, 0x42)).seal(plaintext)).hasSize(plaintext.length + SealedEnvelope.overhead(ALPHA));
    }

    @Test
    void theGoldenEnvelopeOpensWithTheJdksChaCha20Poly1305() throws Exception {
        byte[] envelope = HexFormat.of().parseHex(GOLDEN);
        int headerLength = 2 + 5 + 4 + 8;
        byte[] nonce = HexFormat.of().parseHex("000000000000000000000001");
        Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(trafficKey(0, 0x42).bytes(), "ChaCha20"), new IvParameterSpec(nonce));
        jdk.updateAAD(envelope, 0, headerLength);

        byte[] plain = jdk.doFinal(envelope, headerLength, envelope.length - headerLength);

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("keepalive");
    }

    @Test
    void aSealedMessageOpensOnceThenCountsAsAReplay() {
        Sealer sealer = new Sealer(ALPHA, trafficKey(0, 7));
        opener.installSession(ALPHA, trafficKey(0, 7));
        byte[] first = sealer.seal(utf8("one"));
        byte[] second = sealer.seal(utf8("two"));

        Optional<Opened> b = opener.open(second);
        Optional<Opened> a = opener.open(first);

        assertThat(b).get().extracting(Opened::sender, Opened::sequence, Opened::group).containsExactly(ALPHA, 2L, false);
        assertThat(new String(a.orElseThrow().payload(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(opener.open(first)).isEmpty();
        assertThat(drops()).containsOnly(Map.entry(Opener.OPENED, 2L), Map.entry(Opener.REPLAY, 1L));
    }

    @Test
    void nonMembersUnknownKeysAndWrongKeysAreDroppedAndCounted() {
        opener.installSession(ALPHA, trafficKey(0, 7));

        assertThat(opener.open(new Sealer(MemberId.of("mallory"), trafficKey(0, 7)).seal(utf8("x")))).isEmpty();
        assertThat(opener.open(new Sealer(ALPHA, trafficKey(5, 7)).seal(utf8("x")))).isEmpty();
        assertThat(opener.open(new Sealer(ALPHA, trafficKey(0, 8)).seal(utf8("x")))).isEmpty();
        assertThat(opener.open(new byte[] {1, 2, 3})).isEmpty();

        assertThat(drops()).containsOnly(Map.entry(Opener.UNKNOWN_SENDER, 1L), Map.entry(Opener.UNKNOWN_KEY, 1L),
                Map.entry(Opener.BAD_TAG, 1L), Map.entry(Opener.MALFORMED, 1L));
    }

    @Test
    void anyBitFlipOrTruncationIsRejected() {
        Sealer sealer = new Sealer(ALPHA, trafficKey(0, 7));
        opener.installSession(ALPHA, trafficKey(0, 7));
        opener.installSession(MemberId.of("alphb"), trafficKey(0, 7)); // a flipped sender may be another member
        byte[] envelope = sealer.seal(utf8("the member list and assignments"));

        for (int bit = 0; bit < envelope.length * 8; bit++) {
            byte[] flipped = envelope.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(opener.open(flipped)).as("bit %d", bit).isEmpty();
        }
        for (int length = 0; length < envelope.length; length++) {
            assertThat(opener.open(java.util.Arrays.copyOf(envelope, length))).as("length %d", length).isEmpty();
        }
        long dropped = drops().entrySet().stream().filter(e -> e.getKey().contains("dropped")).mapToLong(Map.Entry::getValue).sum();
        assertThat(dropped).isEqualTo(envelope.length * 8L + envelope.length);
        assertThat(opener.open(envelope)).isPresent(); // nothing above moved the replay window
    }

    @Test
    void rekeyingMovesBothSidesToTheNextGenerationAndInFlightMessagesStillOpen() {
        Sealer sealer = new Sealer(ALPHA, trafficKey(0, 7));
        opener.installSession(ALPHA, trafficKey(0, 7));
        byte[] late = sealer.seal(utf8("sent before the rekey"));

        sealer.rekey();
        byte[] fresh = sealer.seal(utf8("after"));

        assertThat(sealer.keyId()).isEqualTo(1);
        assertThat(opener.open(fresh)).get().extracting(Opened::sequence).isEqualTo(1L);
        assertThat(opener.open(late)).isPresent();
        sealer.rekey();
        sealer.rekey();
        assertThat(opener.open(sealer.seal(utf8("two generations ahead")))).isEmpty();
        assertThat(counters.get(Opener.UNKNOWN_KEY)).isEqualTo(1);
    }

    @Test
    void aGroupKeyGrantedOverTheSessionOpensTheMastersBroadcasts() throws Exception {
        GroupKey group = GroupKey.generate(MASTER, 1, TestCluster.random(1));
        Sealer pairwise = new Sealer(MASTER, trafficKey(0, 9));
        opener.installSession(MASTER, trafficKey(0, 9));

        Opened grant = opener.open(pairwise.seal(group.grant())).orElseThrow();
        opener.installGroupKey(GroupKey.fromGrant(grant.sender(), grant.payload()));
        Optional<Opened> broadcast = opener.open(group.sealer().seal(utf8("keepalive")));

        assertThat(broadcast).get().extracting(Opened::sender, Opened::group).containsExactly(MASTER, true);
        opener.retireGroupKey(MASTER, group.key().keyId());
        assertThat(opener.open(group.sealer().seal(utf8("keepalive")))).isEmpty();
        assertThat(counters.get(Opener.UNKNOWN_KEY)).isEqualTo(1);
    }

    @Test
    void aRemovedMemberIsUnknown() {
        Sealer sealer = new Sealer(ALPHA, trafficKey(0, 7));
        opener.installSession(ALPHA, trafficKey(0, 7));
        opener.removeSender(ALPHA);

        assertThat(opener.open(sealer.seal(utf8("x")))).isEmpty();
        assertThat(counters.get(Opener.UNKNOWN_SENDER)).isEqualTo(1);
    }

    @Test
    void secretsNeverAppearInToString() {
        TrafficKey key = trafficKey(3, 0x5a);
        GroupKey group = GroupKey.generate(MASTER, 2, TestCluster.random(2));
        String hex = "5a5a5a5a";

        assertThat(key.toString()).isEqualTo("TrafficKey[id 3, redacted]");
        assertThat(new Sealer(ALPHA, key).toString()).doesNotContainIgnoringCase(hex).contains("redacted");
        assertThat(group.toString()).isEqualTo("GroupKey[master, TrafficKey[id 80000002, redacted]]");
        assertThat(opener.toString()).isEqualTo("Opener[0 senders]");
    }

    /** "m" and up to 63 characters of a certificate name. */
    static Stream<Arguments> namesAndPayloads() {
        return SeededCases.of(300, r -> Arguments.of("m" + r.string(0, 63, "abcxyz019.-_"), r.bytes(0, 2000)));
    }

    @ParameterizedTest
    @MethodSource("namesAndPayloads")
    void sealThenOpenGivesThePayloadBack(String name, byte[] payload) {
        MemberId sender = MemberId.of(name);
        Opener fresh = new Opener(new Counters());
        fresh.installSession(sender, trafficKey(0, 1));

        Opened opened = fresh.open(new Sealer(sender, trafficKey(0, 1)).seal(payload)).orElseThrow();

        assertThat(opened.sender()).isEqualTo(sender);
        assertThat(opened.payload()).isEqualTo(payload);
    }

    static Stream<Arguments> arbitraryBytes() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 200)));
    }

    @ParameterizedTest
    @MethodSource("arbitraryBytes")
    void arbitraryBytesAreDroppedWithoutAnException(byte[] bytes) {
        Opener fresh = new Opener(new Counters());
        fresh.installSession(ALPHA, trafficKey(0, 1));

        assertThat(fresh.open(bytes)).isEmpty();
    }
}
