package io.cohort.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    @Test
    void runsDueTasksInDeadlineOrderAndNotBefore() {
        VirtualScheduler s = new VirtualScheduler();
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofMillis(30), () -> ran.add("c"));
        s.schedule(Duration.ofMillis(10), () -> ran.add("a"));
        s.schedule(Duration.ofMillis(10), () -> ran.add("b"));
        s.advance(Duration.ofMillis(9));
        assertThat(ran).isEmpty();
        s.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("a", "b");
        s.advance(Duration.ofMillis(100));
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(s.nanos()).isEqualTo(Duration.ofMillis(110).toNanos());
    }

    @Test
    void cancelledTaskDoesNotRunAndTasksScheduledByTasksRunWhenDue() {
        VirtualScheduler s = new VirtualScheduler();
        List<Long> ran = new ArrayList<>();
        Timer t = s.schedule(Duration.ofMillis(5), () -> ran.add(-1L));
        s.schedule(Duration.ofMillis(1), () -> s.schedule(Duration.ofMillis(2), () -> ran.add(s.nanos())));
        t.cancel();
        assertThat(t.isPending()).isFalse();
        s.advance(Duration.ofMillis(10));
        assertThat(ran).containsExactly(Duration.ofMillis(3).toNanos());
        assertThat(s.pendingCount()).isZero();
    }
}
