package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_IP;
import static io.cohort.steering.link.LinkFixtures.OWNER_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

class GratuitousArpSenderTest {
    private final LinkFixtures.RecordingSender sender = new LinkFixtures.RecordingSender();
    private final AtomicInteger closed = new AtomicInteger();
    private final GratuitousArpSender arp = new GratuitousArpSender(sender, OWNER_MAC, closed::incrementAndGet);

    @Test
    void broadcastsAnRfc5227AnnouncementFromTheInterfacesMac() {
        assertThat(arp.announce(CLIENT_IP)).isTrue();

        byte[] frame = sender.frames.getFirst();
        assertThat(Arrays.copyOfRange(frame, 0, 6)).isEqualTo(MacAddress.ETHER_BROADCAST_ADDRESS.getAddress());
        assertThat(Arrays.copyOfRange(frame, 6, 12)).isEqualTo(OWNER_MAC.getAddress());
        assertThat(sender.arpPackets()).containsExactly(ArpPacket.announcement(CLIENT_IP, OWNER_MAC));
        assertThat(sender.arpPackets().getFirst().senderIp()).isEqualTo(sender.arpPackets().getFirst().targetIp());
    }

    @Test
    void closingClosesThePort() {
        arp.close();

        assertThat(closed).hasValue(1);
    }
}
