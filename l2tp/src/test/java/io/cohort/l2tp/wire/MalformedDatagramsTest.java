package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class MalformedDatagramsTest {

    /** A logger that keeps its lines. */
    static final class ListLogger implements Logger {
        final List<String> lines = new ArrayList<>();

        @Override public String getName() { return "test"; }
        @Override public boolean isLoggable(Level level) { return true; }
        @Override public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) { lines.add(msg); }
        @Override public void log(Level level, ResourceBundle bundle, String format, Object... params) { lines.add(format); }
    }

    @Test
    void countsPerErrorAndLogsWithinTheBudget() {
        Counters counters = new Counters();
        ListLogger logger = new ListLogger();
        VirtualScheduler scheduler = new VirtualScheduler();
        MalformedDatagrams malformed = new MalformedDatagrams(counters,
                new RateLimitedLog(logger, scheduler, Duration.ofSeconds(10), 2));
        DecodeResult.Malformed<L2tpPacket, DecodeFault> m = Decoding.malformed(L2tpCodec.decode(
                ByteBuffer.wrap(GoldenBytes.hex("c8 03 00 0c")), null));

        for (int i = 0; i < 5; i++) {
            malformed.report(m, "192.0.2.1:1701");
        }

        assertThat(counters.get("l2tp.rx.malformed.unsupported_version")).isEqualTo(5);
        assertThat(MalformedDatagrams.counterName(DecodeError.BAD_AVP_LENGTH)).isEqualTo("l2tp.rx.malformed.bad_avp_length");
        assertThat(logger.lines).hasSize(2).first().asString()
                .contains("192.0.2.1:1701").contains("UNSUPPORTED_VERSION").contains("Ver=3");
    }
}
