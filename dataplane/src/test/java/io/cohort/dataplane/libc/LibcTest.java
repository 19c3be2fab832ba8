package io.cohort.dataplane.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibcTest {
    @Test
    void failedOpenCapturesErrnoAndNamesTheCall() {
        assertThat(Libc.open("/nonexistent/cohort", Libc.O_RDWR)).isNegative();
        SystemCallException failure = Libc.failure("open(/nonexistent/cohort)", "test");
        assertThat(failure.errno()).isEqualTo(2);
        assertThat(failure).hasMessage("open(/nonexistent/cohort) on test failed: errno 2 (No such file or directory)");
    }

    @Test
    void unknownInterfaceIsENODEV() {
        assertThatThrownBy(() -> Libc.ifNameToIndex("nosuchif0"))
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("if_nametoindex on nosuchif0")
                .hasMessageContaining("errno 19");
    }

    @Test
    void loopbackHasAnIndex() throws SystemCallException {
        assertThat(Libc.ifNameToIndex("lo")).isPositive();
    }
}
