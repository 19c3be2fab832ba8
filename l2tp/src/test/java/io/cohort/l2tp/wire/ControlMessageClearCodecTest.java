package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trip and robustness of {@link ControlMessageClearCodec}. */
@ExtendWith(FailingCaseReport.class)
class ControlMessageClearCodecTest {

    private static DecodeResult<ControlMessage, DecodeError> decode(byte[] b) {
        return ControlMessageClearCodec.decode(ByteBuffer.wrap(b), 0, b.length);
    }

    static Stream<Arguments> messages() {
        return SeededCases.of(1000, r -> Arguments.of(RandomControlMessages.message(r, r.bool())));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void messagesWithHiddenFlagsRoundTripInTheClear(ControlMessage m) {
        assertThat(decode(ControlMessageClearCodec.encode(m))).isEqualTo(new DecodeResult.Decoded<>(m));
    }

    static Stream<Arguments> damaged() {
        return SeededCases.of(2000, r -> {
            byte[] valid = ControlMessageClearCodec.encode(RandomControlMessages.message(r, r.bool()));
            if (r.bool()) {
                return Arguments.of((Object) Arrays.copyOf(valid, r.intBetween(0, valid.length - 1)));
            }
            int i = r.intBetween(0, valid.length - 1);
            valid[i] = r.anyByte();
            return Arguments.of((Object) valid);
        });
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void damagedListsNeverThrowAndDecodeOnlyToMessagesThatRoundTrip(byte[] damaged) {
        if (decode(damaged) instanceof DecodeResult.Decoded<ControlMessage, DecodeError> d) {
            assertThat(decode(ControlMessageClearCodec.encode(d.value()))).isEqualTo(d);
        }
    }

    @Test
    void anUnknownAvpWithAnRfcTypeIsAProgrammingError() {
        ControlMessage m = new ControlMessage(MessageType.HELLO,
                List.of(FlaggedAvp.of(new Avp.UnknownAvp(0, AvpType.HOST_NAME.code(), false, new byte[] {1}))));

        assertThatThrownBy(() -> ControlMessageClearCodec.encode(m)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHiddenAvpThatMustNotBeHiddenIsRejected() {
        // Message Type HELLO, then Result Code with the H bit (4.4.2: MUST NOT be hidden).
        byte[] b = GoldenBytes.hex("8008 0000 0000 0006  c008 0000 0001 0003");

        assertThat(decode(b)).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.error()).isEqualTo(DecodeError.FORBIDDEN_HIDDEN_AVP));
    }
}
