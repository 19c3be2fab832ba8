package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.CodePoint;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code-point enum of RFC 2661 finds each of its constants by code, and nothing else (the
 * table itself is tested in the wire kit).
 */
class CodeTableTest {
    static Stream<Arguments> enums() {
        return Stream.of(
                Arguments.of(MessageType.values(), (IntFunction<Optional<?>>) MessageType::of),
                Arguments.of(AvpType.values(), (IntFunction<Optional<?>>) AvpType::of),
                Arguments.of(CdnResult.values(), (IntFunction<Optional<?>>) CdnResult::of),
                Arguments.of(GeneralError.values(), (IntFunction<Optional<?>>) GeneralError::of),
                Arguments.of(StopCcnResult.values(), (IntFunction<Optional<?>>) StopCcnResult::of),
                Arguments.of(ProxyAuthenKind.values(), (IntFunction<Optional<?>>) ProxyAuthenKind::of));
    }

    @ParameterizedTest
    @MethodSource("enums")
    void everyCodeFindsItsConstantAndNoOtherCodeFindsAnything(CodePoint[] constants, IntFunction<Optional<?>> of) {
        List<Integer> codes = Arrays.stream(constants).map(CodePoint::code).toList();
        for (CodePoint c : constants) {
            assertThat(of.apply(c.code()).orElseThrow()).isSameAs(c);
        }
        IntStream.rangeClosed(-2, 300).filter(i -> !codes.contains(i))
                .forEach(i -> assertThat(of.apply(i)).as("code %d", i).isEmpty());
        assertThat(of.apply(Integer.MAX_VALUE)).isEmpty();
        assertThat(of.apply(Integer.MIN_VALUE)).isEmpty();
    }
}
