package io.cohort.steering.link;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.pcap4j.util.MacAddress;

/**
 * The MACs of the members the master forwards to, by their IPv4 address on the LAN (members'
 * cluster addresses share the steering interface's LAN).
 *
 * <p>Entries come from every ARP packet the capture sees ({@link #learn}), else from the
 * kernel's table ({@link KernelArpTable}). For an unknown member, {@link #deliverWhenResolved}
 * queues the frame (at most {@code queueLimit} per member), sends an ARP request and repeats it
 * every {@code retryInterval} until the reply is learned, which delivers the queue in order; a
 * queue still unresolved after {@code resolveTimeout} is dropped and counted. An entry older
 * than {@code refreshAfter} stays in use while one request refreshes it, so a member that
 * changed its MAC is followed without stalling its traffic.
 */
public final class NeighbourCache {
    /**
     * The knobs, with defaults sized for a LAN where a reply takes well under a millisecond.
     *
     * @param maxEntries how many addresses are kept at most; ARP heard from further hosts is
     *     not learned (members we forward to are still resolved by request), so that a LAN full
     *     of hosts, or one host sending ARP from many addresses, cannot grow the cache
     */
    public record Settings(int queueLimit, Duration retryInterval, Duration resolveTimeout, Duration refreshAfter,
            int maxEntries) {
        public static final Settings DEFAULT =
                new Settings(64, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(60), 4096);

        public Settings {
            if (queueLimit < 1 || maxEntries < 1) {
                throw new IllegalArgumentException("queue limit " + queueLimit + " and max entries " + maxEntries
                        + " must be at least 1");
            }
        }
    }

    private static final Inet4Address UNSPECIFIED = unspecified();

    private final FrameSender sender;
    private final InterfaceIdentity self;
    private final KernelArpTable kernel;
    private final Scheduler scheduler;
    private final Settings settings;
    private final BiConsumer<Frame, MacAddress> delivery;
    private final Map<Inet4Address, Entry> entries = new HashMap<>();
    private final Map<Inet4Address, Pending> pending = new HashMap<>();
    private final Counter learned;
    private final Counter fromKernel;
    private final Counter requestsSent;
    private final Counter queueFull;
    private final Counter expired;
    private final Counter full;

    /**
     * @param delivery sends a queued frame once its member's MAC is known (called without locks
     *     held, on the thread that learned the MAC)
     */
    public NeighbourCache(FrameSender sender, InterfaceIdentity self, KernelArpTable kernel, Scheduler scheduler,
            Settings settings, Counters counters, BiConsumer<Frame, MacAddress> delivery) {
        this.sender = sender;
        this.self = self;
        this.kernel = kernel;
        this.scheduler = scheduler;
        this.settings = settings;
        this.delivery = delivery;
        this.learned = counters.counter("steering.neighbour.learned");
        this.fromKernel = counters.counter("steering.neighbour.from_kernel");
        this.requestsSent = counters.counter("steering.neighbour.requests");
        this.queueFull = counters.counter("steering.neighbour.queue_full");
        this.expired = counters.counter("steering.neighbour.expired");
        this.full = counters.counter("steering.neighbour.not_learned_full");
    }

    /** Records that {@code ip} is at {@code mac} and delivers frames waiting for it. */
    public void learn(Inet4Address ip, MacAddress mac) {
        if (!mac.isUnicast() || ip.equals(UNSPECIFIED)) {
            return;
        }
        Pending waiting;
        synchronized (this) {
            if (entries.size() >= settings.maxEntries && !entries.containsKey(ip) && !pending.containsKey(ip)) {
                full.increment();
                return;
            }
            entries.put(ip, new Entry(mac, scheduler.nanos()));
            waiting = pending.remove(ip);
            if (waiting != null) {
                waiting.timer.cancel();
            }
        }
        learned.increment();
        if (waiting != null) {
            waiting.frames.forEach(frame -> delivery.accept(frame, mac));
        }
    }

    /** The MAC of {@code ip} if known here or to the kernel (a stale entry starts a refresh). */
    public Optional<MacAddress> lookup(Inet4Address ip) {
        MacAddress cached = null;
        boolean refresh = false;
        synchronized (this) {
            Entry e = entries.get(ip);
            if (e != null) {
                cached = e.mac;
                if (!e.refreshRequested && scheduler.nanos() - e.learnedAt > settings.refreshAfter.toNanos()) {
                    e.refreshRequested = true;
                    refresh = true;
                }
            }
        }
        if (cached != null) {
            if (refresh) {
                request(ip);
            }
            return Optional.of(cached);
        }
        Optional<MacAddress> known = kernel.lookup(ip, self.name());
        known.ifPresent(mac -> {
            fromKernel.increment();
            synchronized (this) {
                if (entries.size() < settings.maxEntries) {
                    entries.putIfAbsent(ip, new Entry(mac, scheduler.nanos()));
                }
            }
        });
        return known;
    }

    /**
     * Holds {@code frame} until {@code ip}'s MAC is learned, asking for it by ARP. Returns false
     * (counted) if the member's queue is full.
     */
    public boolean deliverWhenResolved(Inet4Address ip, Frame frame) {
        boolean first;
        synchronized (this) {
            Pending p = pending.get(ip);
            first = p == null;
            if (first) {
                p = new Pending();
                pending.put(ip, p);
                Pending started = p;
                p.timer = scheduler.schedule(settings.retryInterval, () -> retry(ip, started));
                p.deadline = scheduler.nanos() + settings.resolveTimeout.toNanos();
            }
            if (p.frames.size() >= settings.queueLimit) {
                queueFull.increment();
                return false;
            }
            p.frames.add(frame);
        }
        if (first) {
            request(ip);
        }
        return true;
    }

    /** Members with frames waiting for their MAC (for operators and tests). */
    public synchronized List<Inet4Address> unresolved() {
        return List.copyOf(pending.keySet());
    }

    private void retry(Inet4Address ip, Pending p) {
        synchronized (this) {
            if (pending.get(ip) != p) {
                return;
            }
            if (scheduler.nanos() >= p.deadline) {
                pending.remove(ip);
                expired.add(p.frames.size());
                return;
            }
            p.timer = scheduler.schedule(settings.retryInterval, () -> retry(ip, p));
        }
        request(ip);
    }

    private void request(Inet4Address ip) {
        ArpPacket request = ArpPacket.request(self.mac(), self.address().orElse(UNSPECIFIED), ip);
        if (sender.send(request.toFrame(MacAddress.ETHER_BROADCAST_ADDRESS, self.mac()))) {
            requestsSent.increment();
        }
    }

    private static Inet4Address unspecified() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final class Entry {
        final MacAddress mac;
        final long learnedAt;
        boolean refreshRequested;

        Entry(MacAddress mac, long learnedAt) {
            this.mac = mac;
            this.learnedAt = learnedAt;
        }
    }

    private static final class Pending {
        final ArrayDeque<Frame> frames = new ArrayDeque<>();
        Timer timer = Timer.NONE;
        long deadline;
    }
}
