package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.MASTER;
import static io.cohort.steering.link.LinkFixtures.MASTER_IP;
import static io.cohort.steering.link.LinkFixtures.MASTER_MAC;
import static io.cohort.steering.link.LinkFixtures.OWNER_IP;
import static io.cohort.steering.link.LinkFixtures.OWNER_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.util.MacAddress;

class NeighbourCacheTest {
    private static final NeighbourCache.Settings SETTINGS =
            new NeighbourCache.Settings(2, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(60), 2);

    @TempDir
    Path dir;

    private final LinkFixtures.RecordingSender sender = new LinkFixtures.RecordingSender();
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<Map.Entry<Frame, MacAddress>> delivered = new ArrayList<>();

    private NeighbourCache cache(Path kernelTable) {
        return new NeighbourCache(sender, MASTER, new KernelArpTable(kernelTable), scheduler, SETTINGS, counters,
                (frame, mac) -> delivered.add(Map.entry(frame, mac)));
    }

    @Test
    void learnedMacsAreLookedUp() {
        NeighbourCache cache = cache(dir.resolve("none"));
        cache.learn(OWNER_IP, OWNER_MAC);

        assertThat(cache.lookup(OWNER_IP)).contains(OWNER_MAC);
        assertThat(sender.frames).isEmpty();
    }

    @Test
    void fallsBackToTheKernelTable() throws IOException {
        Path table = Files.writeString(dir.resolve("arp"), """
                IP address       HW type     Flags       HW address            Mask     Device
                10.77.0.2        0x1         0x2         52:54:00:00:00:02     *        eth0
                """);

        assertThat(cache(table).lookup(OWNER_IP)).contains(OWNER_MAC);
        assertThat(counters.get("steering.neighbour.from_kernel")).isEqualTo(1);
    }

    @Test
    void queuesUntilTheReplyThenDeliversInOrder() {
        NeighbourCache cache = cache(dir.resolve("none"));
        Frame first = frame(1);
        Frame second = frame(2);

        assertThat(cache.deliverWhenResolved(OWNER_IP, first)).isTrue();
        assertThat(cache.deliverWhenResolved(OWNER_IP, second)).isTrue();
        assertThat(sender.arpPackets()).containsExactly(ArpPacket.request(MASTER_MAC, MASTER_IP, OWNER_IP));
        assertThat(cache.unresolved()).containsExactly(OWNER_IP);

        cache.learn(OWNER_IP, OWNER_MAC);

        assertThat(delivered).containsExactly(Map.entry(first, OWNER_MAC), Map.entry(second, OWNER_MAC));
        assertThat(cache.unresolved()).isEmpty();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(sender.frames).hasSize(1); // no retries after the reply
    }

    @Test
    void retriesThenDropsAndCountsAnUnansweredQueue() {
        NeighbourCache cache = cache(dir.resolve("none"));
        cache.deliverWhenResolved(OWNER_IP, frame(1));

        scheduler.advance(Duration.ofMillis(200));
        assertThat(sender.frames).hasSize(2);
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(sender.frames).hasSize(5); // at 0, 200, 400, 600, 800 ms
        assertThat(cache.unresolved()).isEmpty();
        assertThat(counters.get("steering.neighbour.expired")).isEqualTo(1);
        cache.learn(OWNER_IP, OWNER_MAC);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aFullQueueRefusesAndCounts() {
        NeighbourCache cache = cache(dir.resolve("none"));

        assertThat(cache.deliverWhenResolved(OWNER_IP, frame(1))).isTrue();
        assertThat(cache.deliverWhenResolved(OWNER_IP, frame(2))).isTrue();
        assertThat(cache.deliverWhenResolved(OWNER_IP, frame(3))).isFalse();
        assertThat(counters.get("steering.neighbour.queue_full")).isEqualTo(1);
    }

    @Test
    void aStaleEntryStaysInUseWhileOneRequestRefreshesIt() {
        NeighbourCache cache = cache(dir.resolve("none"));
        cache.learn(OWNER_IP, OWNER_MAC);
        scheduler.advance(Duration.ofSeconds(61));

        assertThat(cache.lookup(OWNER_IP)).contains(OWNER_MAC);
        assertThat(cache.lookup(OWNER_IP)).contains(OWNER_MAC);
        assertThat(sender.arpPackets()).containsExactly(ArpPacket.request(MASTER_MAC, MASTER_IP, OWNER_IP));

        MacAddress replaced = MacAddress.getByName("52:54:00:00:00:22");
        cache.learn(OWNER_IP, replaced);
        assertThat(cache.lookup(OWNER_IP)).contains(replaced);
    }

    @Test
    void aFullCacheLearnsOnlyAddressesItWaitsFor() {
        NeighbourCache cache = cache(dir.resolve("none"));
        cache.learn(LinkFixtures.ipv4("10.77.0.20"), MacAddress.getByName("52:54:00:00:00:20"));
        cache.learn(LinkFixtures.ipv4("10.77.0.21"), MacAddress.getByName("52:54:00:00:00:21"));
        cache.learn(LinkFixtures.ipv4("10.77.0.22"), MacAddress.getByName("52:54:00:00:00:22"));
        assertThat(cache.lookup(LinkFixtures.ipv4("10.77.0.22"))).isEmpty();
        assertThat(counters.get("steering.neighbour.not_learned_full")).isEqualTo(1);

        cache.deliverWhenResolved(OWNER_IP, frame(1));
        cache.learn(OWNER_IP, OWNER_MAC);

        assertThat(delivered).hasSize(1);
        assertThat(cache.lookup(OWNER_IP)).contains(OWNER_MAC);
    }

    @Test
    void ignoresMulticastAndUnspecifiedSenders() {
        NeighbourCache cache = cache(dir.resolve("none"));
        cache.learn(OWNER_IP, LinkFixtures.STEERING_MAC);
        cache.learn(LinkFixtures.ipv4("0.0.0.0"), OWNER_MAC);

        assertThat(cache.lookup(OWNER_IP)).isEmpty();
        assertThat(cache.lookup(LinkFixtures.ipv4("0.0.0.0"))).isEmpty();
    }

    private static Frame frame(int tag) {
        byte[] bytes = new byte[60];
        bytes[59] = (byte) tag;
        return Frame.copyOf(bytes);
    }
}
