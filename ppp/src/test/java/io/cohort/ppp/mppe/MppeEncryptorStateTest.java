package io.cohort.ppp.mppe;

import static io.cohort.ppp.mppe.Rfc3079Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@link MppeEncryptor} resumed from its {@link MppeEncryptorState} (patent, figure 7) encrypts
 * the next packets octet for octet as the original would (RFC 3078 7: same count, key and tables).
 */
@ExtendWith(FailingCaseReport.class)
class MppeEncryptorStateTest {
    private static final byte[] KEY = hex("SendStartKey128");

    static Stream<Arguments> histories() {
        return SeededCases.of(100, r -> Arguments.of(r.oneOf(MppeStrength.class), r.bool(),
                r.listOf(0, 700, s -> s.bytes(1, 40)), r.chance(0.2)));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aResumedEncryptorContinuesTheStream(MppeStrength strength, boolean stateless, List<byte[]> sent,
                                             boolean resetRequested) {
        MppeMode mode = new MppeMode(strength, stateless);
        byte[] key = Arrays.copyOf(KEY, strength.keyLength());
        MppeEncryptor original = new MppeEncryptor(key, mode);
        for (byte[] p : sent) {
            original.encrypt(p);
        }
        if (resetRequested) {
            original.resetRequested();
        }
        MppeEncryptorState state = original.state();
        MppeEncryptor resumed = new MppeEncryptor(key, mode, state);

        assertThat(resumed.state()).isEqualTo(state);
        for (int i = 0; i < 300; i++) {
            byte[] p = {0, 0x21, (byte) i, 'n', 'e', 'x', 't'};
            assertThat(resumed.encrypt(p)).isEqualTo(original.encrypt(p));
        }
    }

    static Stream<Arguments> staleStates() {
        return SeededCases.of(100, r -> {
            int sentSince = r.intBetween(0, 600);
            return Arguments.of(r.oneOf(MppeStrength.class), r.bool(), r.intBetween(0, 700), sentSince,
                    r.intBetween(sentSince + 1, 2047));
        });
    }

    /** The safe forward jump: state older than the peer's view, moved ahead, still decrypts there (8.1, 8.2). */
    @ParameterizedTest
    @MethodSource("staleStates")
    void aStaleStateJumpedAheadStaysInStepWithThePeer(MppeStrength strength, boolean stateless, int before,
                                                      int sentSince, int jump) {
        MppeMode mode = new MppeMode(strength, stateless);
        byte[] key = Arrays.copyOf(KEY, strength.keyLength());
        MppeEncryptor original = new MppeEncryptor(key, mode);
        MppeDecryptor peer = new MppeDecryptor(key, mode);
        for (int i = 0; i < before; i++) {
            peer.decrypt(original.encrypt(new byte[] {0, 0x21, (byte) i}));
        }
        MppeEncryptorState stale = original.state();
        for (int i = 0; i < sentSince; i++) {
            peer.decrypt(original.encrypt(new byte[] {0, 0x21, (byte) i}));
        }
        MppeEncryptor resumed = new MppeEncryptor(key, mode, stale);

        resumed.jumpAhead(jump);

        for (int i = 0; i < 300; i++) {
            byte[] p = {0, 0x21, (byte) i, 'n', 'e', 'x', 't'};
            assertThat(peer.decrypt(resumed.encrypt(p)))
                    .isInstanceOfSatisfying(MppeReceiveResult.Decrypted.class,
                            d -> assertThat(d.plaintext()).isEqualTo(p));
        }
    }

    @Test
    void jumpsOfHalfTheCountSpaceAreRefused() {
        MppeEncryptor e = new MppeEncryptor(KEY, new MppeMode(MppeStrength.BITS_128, true));
        assertThatThrownBy(() -> e.jumpAhead(2048)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.jumpAhead(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSessionKeyIsCopiedAndNeverShown() {
        byte[] session = hex("SendStartKey128");
        MppeEncryptorState state = new MppeEncryptorState(7, session, 12, false);
        session[0] ^= 1;

        assertThat(state.sessionKey()).isEqualTo(hex("SendStartKey128"));
        state.sessionKey()[0] ^= 1;
        assertThat(state).isEqualTo(new MppeEncryptorState(7, hex("SendStartKey128"), 12, false));
        assertThat(state.toString()).contains("redacted", "coherencyCount=7")
                .doesNotContain(HexFormat.of().formatHex(hex("SendStartKey128"), 0, 4));
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> new MppeEncryptorState(4096, KEY, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MppeEncryptorState(0, KEY, -1, false))
                .isInstanceOf(IllegalArgumentException.class);
        MppeEncryptorState shortKey = new MppeEncryptorState(0, new byte[8], 0, false);
        assertThatThrownBy(() -> new MppeEncryptor(KEY, new MppeMode(MppeStrength.BITS_128, true), shortKey))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
