package io.cohort.steering.link;

import io.cohort.steering.classify.PacketClassifier;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import io.cohort.time.ExecutorScheduler;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.pcap4j.util.MacAddress;

/**
 * The master's layer 2 on the steering interface, wired: one capture ({@link EthernetPort})
 * whose ARP packets feed {@link ClusterArp} and the owners' {@link NeighbourCache}, and whose
 * IPv4 frames for the cluster IP go through {@link FrameForwarder} to the cluster layer.
 *
 * <p>Lifecycle: open when this member becomes master, then {@code arp().enable()} and {@code
 * arp().announce()}; close when it stops being master. The capture runs in every mode (the
 * master classifies everything for the cluster IP); the cluster layer decides what to forward.
 */
public final class SteeringLink implements AutoCloseable {

    /**
     * What the link needs to know.
     *
     * @param device the LAN interface the cluster IP is reached through
     * @param steeringMac the MAC given for the cluster IP, as the steering mode resolved it ({@link
     *     io.cohort.steering.SteeringMode#steeringMac})
     * @param l2tpPort the UDP port of L2TP (1701)
     */
    public record Config(String device, Inet4Address clusterIp, MacAddress steeringMac, int l2tpPort,
            NeighbourCache.Settings neighbours) {
        public Config {
            Objects.requireNonNull(device);
            Objects.requireNonNull(clusterIp);
            Objects.requireNonNull(steeringMac);
            Objects.requireNonNull(neighbours);
        }

        /** The defaults: port 1701, default neighbour settings. */
        public static Config of(String device, Inet4Address clusterIp, MacAddress steeringMac) {
            return new Config(device, clusterIp, steeringMac, PacketClassifier.L2TP_PORT, NeighbourCache.Settings.DEFAULT);
        }

        /** The pcap filter: all ARP, and the cluster IP's L2TP, PPTP control and GRE. */
        String captureFilter() {
            return "arp or (dst host " + clusterIp.getHostAddress() + " and (udp dst port " + l2tpPort
                    + " or tcp dst port " + PacketClassifier.PPTP_PORT + " or ip proto 47))";
        }
    }

    private final InterfaceIdentity identity;
    private final EthernetPort port;
    private final ScheduledExecutorService timers;
    private final ClusterArp arp;
    private final FrameForwarder forwarder;
    private final Counter otherEtherTypes;
    private final Counter runts;

    private SteeringLink(InterfaceIdentity identity, EthernetPort port, ScheduledExecutorService timers,
            ClusterArp arp, FrameForwarder forwarder, Counters counters) {
        this.identity = identity;
        this.port = port;
        this.timers = timers;
        this.arp = arp;
        this.forwarder = forwarder;
        this.otherEtherTypes = counters.counter("steering.capture.other_ethertype");
        this.runts = counters.counter("steering.capture.runt");
    }

    /**
     * Opens the capture on {@code config.device()} in the calling thread's network namespace
     * and starts it. ARP answering starts disabled.
     *
     * @param listener receives each classified frame with its unit, on the capture thread
     * @throws IOException if the interface cannot be read or captured on (the message names it)
     */
    public static SteeringLink open(Config config, FrameForwarder.Listener listener, Counters counters)
            throws IOException {
        InterfaceIdentity identity = InterfaceIdentity.read(config.device());
        RateLimitedLog log = RateLimitedLog.standard(System.getLogger(SteeringLink.class.getName()), Clock.system());
        EthernetPort port = EthernetPort.open(config.device(), config.captureFilter(), counters, log);
        try {
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("steering-timers-" + config.device()).factory());
            ExecutorScheduler scheduler = new ExecutorScheduler(timers);
            ClusterArp arp = new ClusterArp(port, identity.mac(), config.clusterIp(), config.steeringMac(), scheduler,
                    counters);
            FrameForwarder forwarder = new FrameForwarder(new PacketClassifier(config.l2tpPort()), identity, port,
                    listener, config.neighbours(), new KernelArpTable(), scheduler, counters, log);
            SteeringLink link = new SteeringLink(identity, port, timers, arp, forwarder, counters);
            port.start(link::received);
            return link;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** ARP for the cluster IP: enable on becoming master, announce, disable on losing it. */
    public ClusterArp arp() {
        return arp;
    }

    /** Classification and forwarding; {@code forwarder().forward(frame, owner)}. */
    public FrameForwarder forwarder() {
        return forwarder;
    }

    /** The steering interface's name, MAC and address. */
    public InterfaceIdentity identity() {
        return identity;
    }

    /** Whether the capture is running (false after close or a capture failure). */
    public boolean isCapturing() {
        return port.isCapturing();
    }

    /** Why the capture stopped on its own (the link is then useless and should be reopened). */
    public Optional<Exception> captureFailure() {
        return port.failure();
    }

    /** Stops answering ARP, stops the capture and the timers. */
    @Override
    public void close() {
        arp.disable();
        port.close();
        timers.shutdownNow();
    }

    private void received(byte[] bytes) {
        if (bytes.length < Frame.HEADER_LENGTH) {
            runts.increment();
            return;
        }
        Frame frame = Frame.wrap(bytes);
        switch (frame.etherType()) {
            case Frame.ETHERTYPE_IPV4 -> forwarder.onIpv4Frame(frame);
            case Frame.ETHERTYPE_ARP -> ArpPacket.decode(bytes).ifPresent(this::arpReceived);
            default -> otherEtherTypes.increment();
        }
    }

    private void arpReceived(ArpPacket packet) {
        // Learn every member we hear, except from packets about the cluster IP (its steering MAC is no member's).
        if (!packet.senderIp().equals(arp.clusterIp())) {
            forwarder.neighbours().learn(packet.senderIp(), packet.senderMac());
        }
        arp.onArp(packet);
    }
}
