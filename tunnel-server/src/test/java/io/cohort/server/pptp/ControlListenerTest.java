package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener's per-connection handler on an embedded channel: how it ends a connection. */
class ControlListenerTest {
    private final Counters counters = new Counters();
    private final List<String> closed = new ArrayList<>();
    private final ControlListener.Connection connection = new ControlListener.Connection() {
        @Override
        public void receive(ByteBuffer chunk) {
        }

        @Override
        public void closed(String reason) {
            closed.add(reason);
        }
    };
    private final EmbeddedChannel channel = new EmbeddedChannel(new ControlListener.Inbound(c -> connection,
            counters.counter("pptp.tcp.refused"), counters.counter("pptp.tcp.closed.not_reading"),
            counters.counter("pptp.tcp.errors"), counters.counter("pptp.tcp.internal_errors"),
            RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler())));

    @Test
    void anIoErrorIsThePeersDoingAndClosesTheConnection() {
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed).hasSize(1);
        assertThat(counters.get("pptp.tcp.errors")).isEqualTo(1);
        assertThat(counters.get("pptp.tcp.internal_errors")).isZero();
    }

    @Test
    void anyOtherExceptionIsABugCountedApartAndClosesTheConnection() {
        channel.pipeline().fireExceptionCaught(new IllegalStateException("a decoder threw"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed).hasSize(1);
        assertThat(counters.get("pptp.tcp.internal_errors")).isEqualTo(1);
        assertThat(counters.get("pptp.tcp.errors")).isZero();
    }
}
