package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Result Code AVPs (4.4.2) in words, for StopCCN and CDN alike. */
class ResultCodeTextTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(new Avp.ResultCode(1, OptionalInt.empty(), ""), true,
                        "General request to clear control connection"),
                Arguments.of(new Avp.ResultCode(2, OptionalInt.of(8), "bad AVP"), true,
                        "General error--Error Code indicates the problem, error Session or tunnel was shutdown due to "
                                + "receipt of an unknown AVP with the M-bit set: bad AVP"),
                Arguments.of(new Avp.ResultCode(1, OptionalInt.of(0), "maintenance"), true,
                        "General request to clear control connection: maintenance"),
                Arguments.of(new Avp.ResultCode(3, OptionalInt.of(0), ""), false,
                        "Call disconnected for administrative reasons"),
                Arguments.of(new Avp.ResultCode(99, OptionalInt.of(42), "?"), false, "result 99, error 42: ?"),
                Arguments.of(new Avp.ResultCode(4, OptionalInt.of(4), ""), false,
                        "Call failed due to lack of appropriate facilities being available (temporary condition), "
                                + "error Insufficient resources to handle this operation now"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void describes(Avp.ResultCode rc, boolean stopCcn, String expected) {
        String text = stopCcn
                ? ResultCodeText.describe(rc, c -> StopCcnResult.of(c).map(StopCcnResult::description))
                : ResultCodeText.describe(rc, c -> CdnResult.of(c).map(CdnResult::description));
        assertThat(text).isEqualTo(expected);
    }
}
