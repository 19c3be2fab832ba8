package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandResultTest {
    /** What iproute2 prints when the program given to {@code ip netns exec} cannot be executed. */
    private static final CommandResult EXEC_FAILED = new CommandResult(
            List.of("ip", "netns", "exec", "ct1-1a", "ping", "-c", "1", "10.200.0.2"), 1,
            "exec of \"ping\" failed: No such file or directory\n");

    @Test
    void describesTheCommandLineTheExitStatusAndTheOutput() {
        assertThat(EXEC_FAILED).hasToString(
                "ip netns exec ct1-1a ping -c 1 10.200.0.2 exited with 1: exec of \"ping\" failed: No such file or directory");
    }

    @Test
    void saysSoWhenTheCommandPrintedNothing() {
        assertThat(new CommandResult(List.of("false"), 1, "\n")).hasToString("false exited with 1 and printed nothing");
    }

    @Test
    void aFailedAssertionOnAResultShowsWhyTheCommandFailed() {
        assertThatThrownBy(() -> assertThat(EXEC_FAILED).matches(CommandResult::succeeded, "exit status 0"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ip netns exec ct1-1a ping -c 1 10.200.0.2 exited with 1")
                .hasMessageContaining("exec of \"ping\" failed: No such file or directory");
    }

    @Test
    void orThrowCarriesTheSameDescription() {
        assertThatThrownBy(EXEC_FAILED::orThrow)
                .isInstanceOf(TestbedException.class)
                .hasMessage("command " + EXEC_FAILED);
    }

    @Test
    void orThrowReturnsASuccessfulResult() {
        CommandResult ok = new CommandResult(List.of("true"), 0, "");
        assertThat(ok.orThrow()).isSameAs(ok);
    }
}
