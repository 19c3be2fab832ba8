package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_MAC;
import static io.cohort.steering.link.LinkFixtures.MASTER;
import static io.cohort.steering.link.LinkFixtures.MASTER_MAC;
import static io.cohort.steering.link.LinkFixtures.OWNER_IP;
import static io.cohort.steering.link.LinkFixtures.OWNER_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.steering.classify.Ipv4Packets;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameForwarderTest {
    private static final int CLIENT = 0x0A4D000A;
    private static final int CLUSTER = 0x0A4D0064;

    private final LinkFixtures.RecordingSender sender = new LinkFixtures.RecordingSender();
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<Map.Entry<WorkUnit, Frame>> steered = new ArrayList<>();
    private final FrameForwarder forwarder = forwarder((unit, frame) -> steered.add(Map.entry(unit, frame)));

    private FrameForwarder forwarder(FrameForwarder.Listener listener) {
        return new FrameForwarder(new io.cohort.steering.classify.PacketClassifier(), MASTER, sender, listener,
                NeighbourCache.Settings.DEFAULT, new KernelArpTable(Path.of("/nonexistent")), scheduler, counters,
                RateLimitedLog.standard(System.getLogger("test"), scheduler));
    }

    @Test
    void classifiedFramesReachTheListenerWithTheirUnit() {
        Frame frame = ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 47, Ipv4Packets.enhancedGre(0x0401)));

        forwarder.onIpv4Frame(frame);

        assertThat(steered).containsExactly(Map.entry(WorkFilter.classify(new FlowKey.PptpCall(0x0401)), frame));
        assertThat(counters.get("steering.captured")).isEqualTo(1);
        assertThat(counters.get("steering.classified.pptp_gre")).isEqualTo(1);
    }

    @Test
    void unclassifiableFramesAreCountedByReason() {
        forwarder.onIpv4Frame(ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 47, Ipv4Packets.enhancedGre(0))));

        assertThat(steered).isEmpty();
        assertThat(counters.get("steering.drop.gre_call_id_zero")).isEqualTo(1);
    }

    @Test
    void aFailingListenerIsCountedAndTheCaptureGoesOn() {
        FrameForwarder failing = forwarder((unit, frame) -> {
            throw new IllegalStateException("bug in the cluster layer");
        });

        failing.onIpv4Frame(ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 6, Ipv4Packets.tcpSyn(40000, 1723))));

        assertThat(counters.get("steering.listener_failures")).isEqualTo(1);
    }

    @Test
    void forwardsToAKnownOwnerWithTheIpPacketUntouched() {
        Frame frame = ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 6, Ipv4Packets.tcpSyn(40000, 1723)));
        forwarder.neighbours().learn(OWNER_IP, OWNER_MAC);

        assertThat(forwarder.forward(frame, OWNER_IP)).isEqualTo(FrameForwarder.Outcome.SENT);

        assertThat(sender.frames).containsExactly(frame.readdressed(OWNER_MAC, MASTER_MAC));
        assertThat(Arrays.copyOfRange(sender.frames.getFirst(), 12, frame.length()))
                .isEqualTo(Arrays.copyOfRange(frame.toByteArray(), 12, frame.length()));
        assertThat(counters.get("steering.forwarded")).isEqualTo(1);
    }

    @Test
    void anUnknownOwnerGetsItsFramesAfterTheArpReply() {
        Frame frame = ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 6, Ipv4Packets.tcpSyn(40000, 1723)));

        assertThat(forwarder.forward(frame, OWNER_IP)).isEqualTo(FrameForwarder.Outcome.QUEUED);
        assertThat(sender.arpPackets()).hasSize(1);
        assertThat(counters.get("steering.unresolved_owner")).isEqualTo(1);

        forwarder.neighbours().learn(OWNER_IP, OWNER_MAC);

        assertThat(sender.frames).hasSize(2);
        assertThat(sender.frames.getLast()).isEqualTo(frame.readdressed(OWNER_MAC, MASTER_MAC));
        assertThat(counters.get("steering.forwarded")).isEqualTo(1);
    }

    @Test
    void aRefusedSendIsADrop() {
        Frame frame = ethernet(Ipv4Packets.ipv4(CLIENT, CLUSTER, 6, Ipv4Packets.tcpSyn(40000, 1723)));
        forwarder.neighbours().learn(OWNER_IP, OWNER_MAC);
        sender.failing = true;

        assertThat(forwarder.forward(frame, OWNER_IP)).isEqualTo(FrameForwarder.Outcome.DROPPED);
        assertThat(counters.get("steering.forward_dropped")).isEqualTo(1);
    }

    private static Frame ethernet(byte[] ipPacket) {
        return Frame.copyOf(ByteBuffer.allocate(14 + ipPacket.length).put(MASTER_MAC.getAddress())
                .put(CLIENT_MAC.getAddress()).putShort((short) Frame.ETHERTYPE_IPV4).put(ipPacket).array());
    }
}
