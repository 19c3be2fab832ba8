package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_IP;
import static io.cohort.steering.link.LinkFixtures.CLIENT_MAC;
import static io.cohort.steering.link.LinkFixtures.CLUSTER_IP;
import static io.cohort.steering.link.LinkFixtures.MASTER_MAC;
import static io.cohort.steering.link.LinkFixtures.OWNER_IP;
import static io.cohort.steering.link.LinkFixtures.STEERING_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

class ClusterArpTest {
    private final LinkFixtures.RecordingSender sender = new LinkFixtures.RecordingSender();
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final ClusterArp arp = new ClusterArp(sender, MASTER_MAC, CLUSTER_IP, STEERING_MAC, scheduler, counters);

    @Test
    void answersForTheClusterIpWithTheSteeringMacFromTheRealMac() {
        arp.enable();
        arp.onArp(ArpPacket.request(CLIENT_MAC, CLIENT_IP, CLUSTER_IP));

        assertThat(sender.frames).hasSize(1);
        byte[] frame = sender.frames.getFirst();
        assertThat(Arrays.copyOfRange(frame, 0, 6)).isEqualTo(CLIENT_MAC.getAddress());
        assertThat(Arrays.copyOfRange(frame, 6, 12)).isEqualTo(MASTER_MAC.getAddress());
        assertThat(sender.arpPackets()).containsExactly(
                new ArpPacket(ArpPacket.REPLY, STEERING_MAC, CLUSTER_IP, CLIENT_MAC, CLIENT_IP));
        assertThat(counters.get("steering.arp.replies")).isEqualTo(1);
    }

    @Test
    void staysSilentWhileDisabled() {
        arp.onArp(ArpPacket.request(CLIENT_MAC, CLIENT_IP, CLUSTER_IP));
        arp.enable();
        arp.disable();
        arp.onArp(ArpPacket.request(CLIENT_MAC, CLIENT_IP, CLUSTER_IP));

        assertThat(sender.frames).isEmpty();
        assertThat(counters.get("steering.arp.requests")).isEqualTo(2);
        assertThat(counters.get("steering.arp.ignored_disabled")).isEqualTo(2);
    }

    @Test
    void ignoresOtherTargetsRepliesAndAnnouncementsOfTheClusterIp() {
        arp.enable();
        arp.onArp(ArpPacket.request(CLIENT_MAC, CLIENT_IP, OWNER_IP));
        arp.onArp(new ArpPacket(ArpPacket.REPLY, CLIENT_MAC, CLIENT_IP, MASTER_MAC, CLUSTER_IP));
        arp.onArp(ArpPacket.announcement(CLUSTER_IP, MacAddress.getByName("52:54:00:00:00:99")));

        assertThat(sender.frames).isEmpty();
        assertThat(counters.get("steering.arp.requests")).isZero();
    }

    @Test
    void announcesThreeTimesSpacedWithoutBlocking() {
        arp.enable();
        arp.announce();

        assertThat(sender.frames).hasSize(1);
        scheduler.advance(Duration.ofMillis(99));
        assertThat(sender.frames).hasSize(1);
        scheduler.advance(Duration.ofMillis(101));
        assertThat(sender.frames).hasSize(3);
        assertThat(sender.arpPackets()).containsOnly(ArpPacket.announcement(CLUSTER_IP, STEERING_MAC));
        assertThat(sender.frames).allSatisfy(frame -> {
            assertThat(Arrays.copyOfRange(frame, 0, 6)).isEqualTo(MacAddress.ETHER_BROADCAST_ADDRESS.getAddress());
            assertThat(Arrays.copyOfRange(frame, 6, 12)).isEqualTo(MASTER_MAC.getAddress());
        });
        assertThat(counters.get("steering.arp.announcements")).isEqualTo(3);
    }

    @Test
    void announcesNothingWhileDisabled() {
        arp.announce();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(sender.frames).isEmpty();
    }

    @Test
    void disablingCancelsTheRemainingAnnouncements() {
        arp.enable();
        arp.announce();
        arp.disable();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(sender.frames).hasSize(1);
    }
}
