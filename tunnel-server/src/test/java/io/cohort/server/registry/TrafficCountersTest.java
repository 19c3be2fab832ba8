package io.cohort.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficCountersTest {
    @Test
    void countsBytesAndPacketsEachWay() {
        TrafficCounters c = new TrafficCounters();
        c.received(10);
        c.received(20);
        c.sent(5);

        assertThat(c.snapshot()).isEqualTo(new Traffic(30, 2, 5, 1));
    }

    @Test
    void concurrentUpdatesAreNotLost() throws InterruptedException {
        TrafficCounters c = new TrafficCounters();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.received(3);
                    c.sent(1);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(c.snapshot()).isEqualTo(new Traffic(120_000, 40_000, 40_000, 40_000));
    }

    @Test
    void trafficAdds() {
        assertThat(new Traffic(1, 2, 3, 4).plus(new Traffic(10, 20, 30, 40))).isEqualTo(new Traffic(11, 22, 33, 44));
        assertThat(Traffic.ZERO.plus(Traffic.ZERO)).isEqualTo(Traffic.ZERO);
    }
}
