package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpConnectionEssentialStateTest {
    private static final TcpRepairWindow WINDOW = new TcpRepairWindow(100, 64240, 64240, 65483, 200);

    @Test
    void queueStartsAreTheQueueEndsLessTheQueuedOctetsModulo2To32() {
        TcpConnectionEssentialState state = new TcpConnectionEssentialState(3, 0xFFFF_FFFF, WINDOW, 1,
                new byte[5], new byte[2]);

        assertThat(state.sendUnacknowledged()).isEqualTo(0xFFFF_FFFE);
        assertThat(state.receiveUnread()).isEqualTo(0xFFFF_FFFD);
    }

    @Test
    void isImmutableAndComparesQueuesByContent() {
        byte[] queued = {1, 2, 3};
        TcpConnectionEssentialState state = new TcpConnectionEssentialState(1, 2, WINDOW, 3, queued, new byte[0]);
        queued[0] = 9;
        state.unacknowledged()[1] = 9;

        assertThat(state.unacknowledged()).containsExactly(1, 2, 3);
        assertThat(state).isEqualTo(new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[] {1, 2, 3}, new byte[0]))
                .hasSameHashCodeAs(new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[] {1, 2, 3}, new byte[0]))
                .isNotEqualTo(new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[] {1, 2, 4}, new byte[0]));
    }

    @Test
    void toStringShowsQueueLengthsNotTheQueuedControlTraffic() {
        byte[] secret = "Start-Control-Connection".getBytes(StandardCharsets.US_ASCII);
        String text = new TcpConnectionEssentialState(0x0a0b0c0d, 7, WINDOW, 3, secret, secret).toString();

        assertThat(text).contains("sendSequence=0x0a0b0c0d", "unacknowledged=24 octets").doesNotContain("Start", "5374");
    }
}
