package io.cohort.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FencingPolicyTest {
    @Test
    void theDefaultsMoveASilentMembersUnitsWithin500MsOfItsLastKeepalive() {
        KeepalivePolicy keepalive = KeepalivePolicy.DEFAULT;
        FencingPolicy f = FencingPolicy.DEFAULT;

        assertThat(f.lease(keepalive.watchdogTimeout())).isEqualTo(Duration.ofMillis(150));
        assertThat(f.margin(keepalive)).isEqualTo(Duration.ofMillis(80));
        assertThat(f.loopTolerance(keepalive.watchdogTimeout())).isEqualTo(Duration.ofMillis(10));
        assertThat(keepalive.watchdogTimeout().plus(f.reassignmentDelay(keepalive))).isEqualTo(Duration.ofMillis(430));
    }

    @Test
    void theMarginCoversTheLongestKeepaliveIntervalAndTheLoopTolerance() {
        KeepalivePolicy oneLoss = new KeepalivePolicy(Duration.ofMillis(200), 3600, 1, 20, 128, 0.05, 512);

        // t/2 + t/20 = 110 ms with n = 1, more than the configured 2/5 t
        assertThat(FencingPolicy.DEFAULT.margin(oneLoss)).isEqualTo(Duration.ofMillis(110));
    }

    @Test
    void theLeaseMustEndBeforeTheWatchdogAndOutlastAKeepaliveInterval() {
        assertThatThrownBy(() -> new FencingPolicy(1.0, 0.5, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FencingPolicy(0.75, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FencingPolicy(0.3, 0.5, 0.1).check(KeepalivePolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class); // t/3 between keepalives at n = 2
    }
}
