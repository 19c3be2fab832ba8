package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keepalive of RFC 2637 3.1.4 item 2 on virtual time, alone. */
class EchoKeepaliveTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<Long> requests = new ArrayList<>();
    private int timeouts;
    private final EchoKeepalive keepalive = new EchoKeepalive(scheduler, Duration.ofSeconds(60),
            Duration.ofSeconds(60), requests::add, () -> timeouts++);

    @Test
    void probesAfterAMinuteOfSilenceWithRisingIdentifiers() {
        keepalive.start();
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(requests).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(requests).containsExactly(1L);
        assertThat(keepalive.answered(1)).isTrue();
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(requests).containsExactly(1L, 2L);
        assertThat(timeouts).isZero();
    }

    @Test
    void anyMessagePostponesTheProbe() {
        keepalive.start();
        scheduler.advance(Duration.ofSeconds(50));
        keepalive.received();
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(requests).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(requests).hasSize(1);
    }

    @Test
    void anUnansweredProbeTimesOutOnceEvenIfOtherMessagesArrive() {
        keepalive.start();
        scheduler.advance(Duration.ofSeconds(60));
        keepalive.received(); // traffic is no answer: 3.1.4 waits for the Echo-Reply
        assertThat(keepalive.answered(99)).isFalse();
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(timeouts).isEqualTo(1);
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(timeouts).isEqualTo(1);
        assertThat(requests).hasSize(1);
    }

    @Test
    void stoppedMeansSilent() {
        keepalive.start();
        keepalive.stop();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(requests).isEmpty();
        assertThat(scheduler.pendingCount()).isZero();
    }
}
