package io.cohort.dataplane.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketReaderTest {
    private final Counters counters = new Counters();

    /** A source that yields the given packets, then ends (-1) or fails with {@code end}. */
    private static PacketReader.Source scripted(IOException end, String... packets) {
        Deque<String> queue = new ArrayDeque<>(List.of(packets));
        return into -> {
            String next = queue.poll();
            if (next == null) {
                if (end != null) {
                    throw end;
                }
                return -1;
            }
            byte[] bytes = next.getBytes(StandardCharsets.US_ASCII);
            into.put(bytes);
            return bytes.length;
        };
    }

    @Test
    void deliversEveryPacketCountsThemAndEndsAtEndOfStream() throws Exception {
        List<String> seen = new ArrayList<>();
        PacketReader r = PacketReader.start("test-reader", scripted(null, "one", "three"), 64,
                b -> seen.add(StandardCharsets.US_ASCII.decode(b).toString()), counters, "x.rx.");
        r.join();
        assertThat(seen).containsExactly("one", "three");
        assertThat(counters.get("x.rx.packets")).isEqualTo(2);
        assertThat(counters.get("x.rx.bytes")).isEqualTo(8);
        assertThat(r.failure()).isEmpty();
        assertThat(r.isRunning()).isFalse();
    }

    @Test
    void aConsumerExceptionIsCountedAndTheLoopGoesOn() throws Exception {
        List<String> seen = new ArrayList<>();
        PacketReader r = PacketReader.start("test-reader", scripted(null, "bad", "good"), 64, b -> {
            String s = StandardCharsets.US_ASCII.decode(b).toString();
            if (s.equals("bad")) {
                throw new IllegalStateException("consumer bug");
            }
            seen.add(s);
        }, counters, "x.rx.");
        r.join();
        assertThat(seen).containsExactly("good");
        assertThat(counters.get("x.rx.consumer-errors")).isEqualTo(1);
    }

    @Test
    void aReadErrorIsKeptCountedAndEndsTheLoop() throws Exception {
        IOException boom = new IOException("EIO");
        PacketReader r = PacketReader.start("test-reader", scripted(boom, "one"), 64, b -> { }, counters, "x.rx.");
        r.join();
        assertThat(r.failure()).containsSame(boom);
        assertThat(counters.get("x.rx.errors")).isEqualTo(1);
        assertThat(counters.get("x.rx.packets")).isEqualTo(1);
    }
}
