package io.cohort.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * pcap4j logs through SLF4J: on the server's class path SLF4J finds the java.util.logging
 * provider, so its lines reach the server's log (and SLF4J prints no "no provider" notice).
 */
class Slf4jRoutingTest {
    @Test
    void anSlf4jLoggerOfPcap4jWritesToJavaUtilLogging() {
        Logger jul = Logger.getLogger("org.pcap4j.routing_test");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        jul.addHandler(capture);
        try {
            org.slf4j.LoggerFactory.getLogger("org.pcap4j.routing_test").warn("capture on {} failed", "eth0");
        } finally {
            jul.removeHandler(capture);
        }

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).isEqualTo("capture on eth0 failed");
        });
    }
}
