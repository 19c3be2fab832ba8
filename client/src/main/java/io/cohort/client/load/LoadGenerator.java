package io.cohort.client.load;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.IcmpEcho;
import io.cohort.client.L2tpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sets up {@link LoadSettings#sessions()} sessions at once through one {@link L2tpClient} (or, for
 * PPTP, a {@link PptpClientGroup}: one control connection per {@link LoadSettings#perTunnel()}
 * calls) and times it, then sends ICMP echo requests to each session's gateway, round-robin, for the data phase.
 * Without a rate, a window of {@link #WINDOW} unanswered requests keeps queues bounded; a request
 * not answered within {@link #LOSS_WAIT} is counted as lost and frees its slot.
 */
public final class LoadGenerator {
    static final int WINDOW = 512;
    static final Duration LOSS_WAIT = Duration.ofMillis(200);
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final ClientOptions options;
    private final LoadSettings settings;
    private final AtomicLong received = new AtomicLong();
    private final Semaphore window = new Semaphore(WINDOW);
    private volatile long expected = Long.MAX_VALUE;
    private volatile long lastReply;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    private LoadGenerator(ClientOptions options, LoadSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    /** Runs the whole load: set-up, data phase, close. */
    public static LoadReport run(ClientOptions options, LoadSettings settings) throws IOException, TimeoutException {
        return new LoadGenerator(options, settings).run();
    }

    private LoadReport run() throws IOException, TimeoutException {
        int tunnels = (settings.sessions() + settings.perTunnel() - 1) / settings.perTunnel();
        if (settings.protocol() == LoadProtocol.PPTP) {
            try (PptpClientGroup group = PptpClientGroup.open(options, tunnels)) {
                long start = System.nanoTime();
                List<ClientSession> sessions = group.connect(settings.sessions(), Thread.ofPlatform().factory());
                return measure(sessions, Duration.ofNanos(System.nanoTime() - start), tunnels);
            }
        }
        try (L2tpClient client = L2tpClient.open(options)) {
            long start = System.nanoTime();
            List<ClientSession> sessions = client.connect(settings.sessions(), settings.perTunnel());
            return measure(sessions, Duration.ofNanos(System.nanoTime() - start), tunnels);
        }
    }

    /**
     * The data phase alone, over sessions set up elsewhere (several clients, a cluster): echo
     * requests to each session's gateway, round-robin, for {@code settings.duration()}. The
     * report's set-up time is zero and its tunnel count 0.
     */
    public static LoadReport traffic(List<ClientSession> sessions, LoadSettings settings) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to send through");
        }
        return new LoadGenerator(null, settings).measure(sessions, Duration.ZERO, 0);
    }

    /** The data phase over sessions that are up. */
    private LoadReport measure(List<ClientSession> sessions, Duration setup, int tunnels) {
        sessions.forEach(s -> s.onIpv4(this::onPacket));
        long dataStart = System.nanoTime();
        long sent = settings.duration().isZero() ? 0 : sendFor(sessions);
        long sendEnd = System.nanoTime();
        expected = sent;
        if (received.get() >= sent) {
            drained.complete(null);
        }
        awaitDrain();
        Duration data = Duration.ofNanos(Math.max(sendEnd, lastReply) - dataStart);
        return new LoadReport(settings.sessions(), tunnels, setup, sent, received.get(),
                sent == 0 ? Duration.ZERO : data, settings.packetSize());
    }

    /** On the client's engine thread. */
    private void onPacket(ByteBuffer packet) {
        IcmpEcho.parse(packet).filter(IcmpEcho::reply).ifPresent(e -> {
            window.release();
            lastReply = System.nanoTime();
            if (received.incrementAndGet() >= expected) {
                drained.complete(null);
            }
        });
    }

    private long sendFor(List<ClientSession> sessions) {
        int payload = settings.packetSize() - IcmpEcho.IPV4_HEADER - IcmpEcho.ICMP_HEADER;
        List<ByteBuffer> requests = sessions.stream()
                .map(s -> new IcmpEcho(s.address(), s.gateway(), false, 0xC0DE, 0, payload).encode()).toList();
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        long interval = settings.rate() == 0 ? 0 : 1_000_000_000L / settings.rate();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            if (interval > 0) {
                long due = start + sent * interval;
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
            }
            if (!acquireSlot()) {
                return sent;
            }
            int i = (int) (sent % sessions.size());
            sessions.get(i).sendIpv4(requests.get(i).duplicate());
            sent++;
        }
        return sent;
    }

    /** A free window slot; after {@link #LOSS_WAIT} the oldest request is taken as lost. */
    private boolean acquireSlot() {
        try {
            window.tryAcquire(LOSS_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitDrain() {
        try {
            drained.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the rest is loss, reported as such
        } catch (ExecutionException e) {
            throw new IllegalStateException("drained is only completed normally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
