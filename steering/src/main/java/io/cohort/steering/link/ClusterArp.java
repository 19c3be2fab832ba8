package io.cohort.steering.link;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import java.net.Inet4Address;
import java.time.Duration;
import org.pcap4j.util.MacAddress;

/**
 * ARP for the cluster IP, answered by the master from userspace. Every member holds the cluster
 * IP on {@code lo} with {@code arp_ignore=1} and {@code arp_announce=2} on the LAN interface
 * ({@link InterfacePreparation}), so no kernel answers for it; while {@link #enable enabled}
 * (on the master only) this class replies to each request for it with the steering MAC (the
 * patent's methods 1 to 3, see {@link io.cohort.steering.SteeringMode}).
 *
 * <p>As in Microsoft NLB, the frame's Ethernet source is the interface's real MAC and only the
 * ARP sender hardware address is the steering MAC: a switch learns nothing about the shared MAC
 * and therefore floods frames addressed to it to every port, which is what modes 2 and 3 need.
 *
 * <p>{@link #announce} sends gratuitous ARP (RFC 5227 section 3 announcements) when the cluster
 * forms and when mastership changes (the patent's figure 6, steps 621 and 637), so that
 * neighbours that cached the old master's MAC switch at once.
 */
public final class ClusterArp {
    /** Announcements per {@link #announce()}: several, as one broadcast frame may be lost. */
    public static final int DEFAULT_ANNOUNCEMENTS = 3;
    /** Spacing of the announcements. */
    public static final Duration DEFAULT_ANNOUNCEMENT_SPACING = Duration.ofMillis(100);

    private final FrameSender sender;
    private final MacAddress interfaceMac;
    private final Inet4Address clusterIp;
    private final MacAddress steeringMac;
    private final Scheduler scheduler;
    private final int announcements;
    private final Duration spacing;
    private final Counter requests;
    private final Counter replies;
    private final Counter ignored;
    private final Counter announced;
    private volatile boolean enabled;

    public ClusterArp(FrameSender sender, MacAddress interfaceMac, Inet4Address clusterIp, MacAddress steeringMac,
            Scheduler scheduler, Counters counters) {
        this(sender, interfaceMac, clusterIp, steeringMac, scheduler, counters, DEFAULT_ANNOUNCEMENTS,
                DEFAULT_ANNOUNCEMENT_SPACING);
    }

    public ClusterArp(FrameSender sender, MacAddress interfaceMac, Inet4Address clusterIp, MacAddress steeringMac,
            Scheduler scheduler, Counters counters, int announcements, Duration spacing) {
        if (announcements < 1) {
            throw new IllegalArgumentException("announcements " + announcements + " < 1");
        }
        this.sender = sender;
        this.interfaceMac = interfaceMac;
        this.clusterIp = clusterIp;
        this.steeringMac = steeringMac;
        this.scheduler = scheduler;
        this.announcements = announcements;
        this.spacing = spacing;
        this.requests = counters.counter("steering.arp.requests");
        this.replies = counters.counter("steering.arp.replies");
        this.ignored = counters.counter("steering.arp.ignored_disabled");
        this.announced = counters.counter("steering.arp.announcements");
    }

    /** Starts answering for the cluster IP: this member became master. */
    public void enable() {
        enabled = true;
    }

    /** Stops answering: this member is no longer master (or is leaving). */
    public void disable() {
        enabled = false;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Inet4Address clusterIp() {
        return clusterIp;
    }

    public MacAddress steeringMac() {
        return steeringMac;
    }

    /**
     * Sends the gratuitous ARP announcements, the first now and the others {@code spacing}
     * apart on the scheduler (the caller does not wait). Only while enabled: nothing is sent
     * while disabled, and later announcements are skipped if this member is disabled meanwhile.
     */
    public void announce() {
        if (!enabled) {
            return;
        }
        sendAnnouncement();
        for (int i = 1; i < announcements; i++) {
            scheduler.schedule(spacing.multipliedBy(i), () -> {
                if (enabled) {
                    sendAnnouncement();
                }
            });
        }
    }

    /** A captured ARP packet: replies if it asks for the cluster IP and this member answers. */
    void onArp(ArpPacket arp) {
        if (arp.operation() != ArpPacket.REQUEST || !arp.targetIp().equals(clusterIp)
                || arp.senderIp().equals(clusterIp)) { // our own (or a former master's) announcement
            return;
        }
        requests.increment();
        if (!enabled) {
            ignored.increment();
            return;
        }
        // A probe (sender IP 0.0.0.0, RFC 5227 section 2.1.1) is answered too: the address is in use.
        if (sender.send(arp.replyWith(steeringMac).toFrame(arp.senderMac(), interfaceMac))) {
            replies.increment();
        }
    }

    private void sendAnnouncement() {
        byte[] frame = ArpPacket.announcement(clusterIp, steeringMac).toFrame(MacAddress.ETHER_BROADCAST_ADDRESS,
                interfaceMac);
        if (sender.send(frame)) {
            announced.increment();
        }
    }
}
