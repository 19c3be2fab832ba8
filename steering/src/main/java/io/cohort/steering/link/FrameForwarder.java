package io.cohort.steering.link;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.steering.classify.Classification;
import io.cohort.steering.classify.DropReason;
import io.cohort.steering.classify.PacketClassifier;
import io.cohort.steering.classify.SteeredProtocol;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.util.EnumMap;
import java.util.Map;
import org.pcap4j.util.MacAddress;

/**
 * The master's part of steering (the patent's figure 9, steps 903 and 911): each captured IPv4
 * frame for the cluster IP is classified to its work unit and handed with the unit to the
 * cluster layer ({@link Listener}), which decides. In mode 1 it {@link #forward forwards} a frame
 * whose unit another member owns; in every mode it forwards frames it held while their unit had
 * no acknowledged owner.
 *
 * <p>Forwarding is LVS-style direct routing: the same frame goes out of the same interface with
 * the owner's MAC as destination and ours as source, the IP packet untouched. The owner accepts
 * it because the cluster IP is local there, and answers the client directly from the cluster
 * IP. An owner whose MAC is not yet known gets its frames queued in the {@link NeighbourCache}.
 */
public final class FrameForwarder {
    /**
     * Receives every classified frame, on the capture thread: must not block. The capture is a
     * copy: the frame has also reached this member's kernel (mode 1: it is addressed to the
     * master's MAC; modes 2 and 3: every member receives it), so a frame of a unit the master
     * owns needs nothing more; one of another member's unit is {@link #forward forwarded} in
     * mode 1 and ignored in modes 2 and 3 (the owner has it); one of a unit without an
     * acknowledged owner may be held and forwarded once the owner is known.
     */
    @FunctionalInterface
    public interface Listener {
        void steered(WorkUnit unit, Frame frame);
    }

    /** What {@link #forward} did with a frame. */
    public enum Outcome {
        /** Sent to the owner's MAC. */
        SENT,
        /** Held until the owner answers our ARP request. */
        QUEUED,
        /** Dropped (queue full, or the interface refused it), and counted. */
        DROPPED
    }

    private final PacketClassifier classifier;
    private final MacAddress ownMac;
    private final FrameSender sender;
    private final Listener listener;
    private final RateLimitedLog log;
    private final Counter captured;
    private final Map<SteeredProtocol, Counter> classified = new EnumMap<>(SteeredProtocol.class);
    private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
    private final Counter forwarded;
    private final Counter unresolved;
    private final Counter forwardDropped;
    private final Counter listenerFailures;
    private final NeighbourCache neighbours;

    /**
     * @param self the steering interface (our MAC is the source of forwarded frames)
     * @param kernelArp where to look for owners the capture has not heard yet
     */
    public FrameForwarder(PacketClassifier classifier, InterfaceIdentity self, FrameSender sender, Listener listener,
            NeighbourCache.Settings neighbourSettings, KernelArpTable kernelArp, Scheduler scheduler,
            Counters counters, RateLimitedLog log) {
        this.classifier = classifier;
        this.ownMac = self.mac();
        this.sender = sender;
        this.listener = listener;
        this.log = log;
        this.captured = counters.counter("steering.captured");
        for (SteeredProtocol p : SteeredProtocol.values()) {
            classified.put(p, counters.counter("steering.classified." + p.counterSuffix()));
        }
        for (DropReason r : DropReason.values()) {
            drops.put(r, counters.counter(r.counterName()));
        }
        this.forwarded = counters.counter("steering.forwarded");
        this.unresolved = counters.counter("steering.unresolved_owner");
        this.forwardDropped = counters.counter("steering.forward_dropped");
        this.listenerFailures = counters.counter("steering.listener_failures");
        this.neighbours = new NeighbourCache(sender, self, kernelArp, scheduler, neighbourSettings, counters,
                this::sendResolved);
    }

    /** The owners' MACs; the capture feeds it every ARP packet it sees. */
    public NeighbourCache neighbours() {
        return neighbours;
    }

    /** A captured IPv4 frame for the cluster IP (called on the capture thread). */
    void onIpv4Frame(Frame frame) {
        captured.increment();
        byte[] bytes = frame.array();
        Classification c = classifier.classify(bytes, Frame.HEADER_LENGTH, bytes.length - Frame.HEADER_LENGTH);
        switch (c) {
            case Classification.Steered s -> {
                classified.get(s.protocol()).increment();
                deliver(s.unit(), frame);
            }
            case Classification.Dropped d -> dropped(d.reason(), frame);
        }
    }

    /**
     * Sends {@code frame} to the member at {@code owner} (its address on this LAN), re-addressed
     * from our MAC to the owner's. Safe from any thread; an owner not heard on the capture yet
     * is looked up in the kernel's ARP table of the calling thread's network namespace (the
     * capture thread, for calls from the {@link Listener}), then asked for by ARP.
     */
    public Outcome forward(Frame frame, Inet4Address owner) {
        var mac = neighbours.lookup(owner);
        if (mac.isPresent()) {
            return send(frame, mac.get()) ? Outcome.SENT : Outcome.DROPPED;
        }
        unresolved.increment();
        if (neighbours.deliverWhenResolved(owner, frame)) {
            return Outcome.QUEUED;
        }
        forwardDropped.increment();
        log.log(Level.WARNING, "steering.queue_full",
                "steering: dropped a frame for %s: its MAC is unknown and its queue is full", owner.getHostAddress());
        return Outcome.DROPPED;
    }

    /** Sends a frame that waited for its owner's MAC (the neighbour cache's delivery). */
    private void sendResolved(Frame frame, MacAddress ownerMac) {
        send(frame, ownerMac);
    }

    private boolean send(Frame frame, MacAddress ownerMac) {
        if (sender.send(frame.readdressed(ownerMac, ownMac))) {
            forwarded.increment();
            return true;
        }
        forwardDropped.increment();
        return false;
    }

    private void deliver(WorkUnit unit, Frame frame) {
        try {
            listener.steered(unit, frame);
        } catch (RuntimeException e) {
            // A bug in the cluster layer must not stop the capture: count it and say so loudly.
            listenerFailures.increment();
            log.log(Level.ERROR, "steering.listener", "steering: the listener failed on %s of %s: %s", frame, unit, e);
        }
    }

    private void dropped(DropReason reason, Frame frame) {
        drops.get(reason).increment();
        log.log(Level.DEBUG, reason.counterName(), "steering: dropped %s: %s", frame, reason);
    }
}
