package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReliableDeliveryConfigTest {

    @Test
    void backOffDoublesUpToTheCap() {
        ReliableDeliveryConfig c = ReliableDeliveryConfig.defaults();
        assertThat(c.retransmitInterval(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retransmitInterval(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.retransmitInterval(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.retransmitInterval(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.retransmitInterval(10)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void fullCycleSumsEveryWait() {
        // 1 + 2 + 4 + 8 + 8 + 8: the first transmission and 5 retransmissions each wait once.
        assertThat(ReliableDeliveryConfig.defaults().fullRetransmissionCycle()).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void capBelowEightSecondsIsRejected() {
        assertThatThrownBy(() -> new ReliableDeliveryConfig(Duration.ofSeconds(1), Duration.ofSeconds(4), 5,
                Duration.ZERO, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroWindowIsRejected() {
        assertThatThrownBy(() -> new ReliableDeliveryConfig(Duration.ofSeconds(1), Duration.ofSeconds(8), 5,
                Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
