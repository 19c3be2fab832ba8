package io.cohort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.cohort.testsupport.FailingCaseReport.FailingCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class FailingCaseReportTest {
    private static final String CASE_PARAMETERS = "int, byte[], java.lang.String";

    private static final String EXAMPLE_PARAMETER = "cohort.test-support.run-example";

    /** Failing on purpose, so it runs only through the test kit below, which sets the parameter. */
    static final class OnlyThroughTheTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(EXAMPLE_PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by FailingCaseReportTest")
                    : ConditionEvaluationResult.disabled("an example for FailingCaseReportTest, failing on purpose");
        }
    }

    @ExtendWith({OnlyThroughTheTestKit.class, FailingCaseReport.class})
    static class SeededExample {
        @ParameterizedTest
        @MethodSource("cases")
        void failsOnOddNumbers(int number, byte[] octets, String text) {
            assertThat(number % 2).isZero();
        }

        static Stream<Arguments> cases() {
            return Stream.of(
                    Arguments.argumentSet(CaseSeed.name(0x11), 3, new byte[] {0x0a, (byte) 0xff}, "a\"b\n"),
                    Arguments.argumentSet(CaseSeed.name(0x12), 4, new byte[0], ""));
        }

        @ParameterizedTest
        @ValueSource(ints = {1})
        void unseededFailure(int number) {
            assertThat(number).isZero();
        }

        @ParameterizedTest
        @MethodSource("cases")
        void skipped(int number, byte[] octets, String text) {
            Assumptions.assumeTrue(false, "not here");
        }
    }

    private static Events run(String method, String parameterTypes) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(EXAMPLE_PARAMETER, "true")
                .selectors(selectMethod(SeededExample.class, method, parameterTypes))
                .execute().testEvents();
    }

    private static Throwable failureOf(Event e) {
        return e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void aFailingSeededCaseCarriesItsSeedReplayAndValues() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Events events;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            events = run("failsOnOddNumbers", CASE_PARAMETERS);
        } finally {
            System.setErr(err);
        }

        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        Event failed = events.failed().list().getFirst();
        assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("[1] seed=0x0000000000000011");
        Throwable failure = failureOf(failed);
        assertThat(failure).isInstanceOf(AssertionError.class);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(FailingCase.class);
        String report = failure.getSuppressed()[0].getMessage();
        assertThat(report).isEqualTo("""
                failing case seed=0x0000000000000011 of SeededExample#failsOnOddNumbers
                  replay: -Dtest='SeededExample#failsOnOddNumbers' -Dcohort.seed=0x0000000000000011
                  number = 3
                  octets = byte[2] 0aff
                  text = "a\\"b\\u000a\"""");
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(report);
    }

    @Test
    void otherFailuresAndSkippedCasesPassThroughUntouched() {
        Events unseeded = run("unseededFailure", "int");
        unseeded.assertStatistics(s -> s.failed(1));
        assertThat(failureOf(unseeded.failed().list().getFirst()).getSuppressed()).isEmpty();

        run("skipped", CASE_PARAMETERS).assertStatistics(s -> s.started(2).aborted(2).failed(0));
    }

    @Test
    void valuesAreDescribedForARegressionTest() {
        assertThat(FailingCaseReport.describe(null)).isEqualTo("null");
        assertThat(FailingCaseReport.describe(List.of(new byte[] {1}, "é"))).isEqualTo("[byte[1] 01, \"\\u00e9\"]");
        assertThat(FailingCaseReport.describe(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(FailingCaseReport.describe(0.25)).isEqualTo("0.25");
    }
}
