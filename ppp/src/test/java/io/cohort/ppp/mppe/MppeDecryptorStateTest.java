package io.cohort.ppp.mppe;

import static io.cohort.ppp.mppe.Rfc3079Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@link MppeDecryptor} resumed from its {@link MppeDecryptorState} (patent, figure 7) treats
 * the next packets exactly as the original would, losses and resynchronisation included
 * (RFC 3078 8.1, 8.2).
 */
@ExtendWith(FailingCaseReport.class)
class MppeDecryptorStateTest {
    private static final byte[] KEY = hex("SendStartKey128");

    static Stream<Arguments> histories() {
        return SeededCases.of(100, r -> Arguments.of(r.oneOf(MppeStrength.class), r.bool(), r.intBetween(0, 700),
                r.setOf(0, 6, s -> s.intBetween(0, 1000))));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aResumedDecryptorContinuesTheStream(MppeStrength strength, boolean stateless, int before,
                                             Set<Integer> lost) {
        MppeMode mode = new MppeMode(strength, stateless);
        byte[] key = Arrays.copyOf(KEY, strength.keyLength());
        MppeEncryptor sender = new MppeEncryptor(key, mode);
        MppeDecryptor original = new MppeDecryptor(key, mode);
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < before + 300; i++) {
            byte[] packet = sender.encrypt(new byte[] {0, 0x21, (byte) (i >>> 8), (byte) i});
            if (i == before + 100) {
                sender.resetRequested(); // as if the Reset-Request of a loss arrived (8.2)
            }
            if (!lost.contains(i)) {
                wire.add(packet);
            }
        }
        int split = before - (int) lost.stream().filter(l -> l < before).count(); // the packets sent before
        for (byte[] p : wire.subList(0, split)) {
            original.decrypt(p);
        }
        MppeDecryptorState state = original.state();
        MppeDecryptor resumed = new MppeDecryptor(key, mode, state);

        assertThat(resumed.state()).isEqualTo(state);
        for (byte[] p : wire.subList(split, wire.size())) {
            assertThat(resumed.decrypt(p)).usingRecursiveComparison().isEqualTo(original.decrypt(p));
        }
    }

    @Test
    void theSessionKeyIsNeverShown() {
        MppeDecryptorState state = new MppeDecryptorState(4095, KEY, 0, true);

        assertThat(state.toString()).contains("redacted", "awaitingFlush=true")
                .doesNotContain(HexFormat.of().formatHex(KEY, 0, 4));
        assertThat(state).isEqualTo(new MppeDecryptorState(4095, KEY.clone(), 0, true))
                .isNotEqualTo(new MppeDecryptorState(4095, new byte[16], 0, true));
    }
}
