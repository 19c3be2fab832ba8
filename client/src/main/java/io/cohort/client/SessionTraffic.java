package io.cohort.client;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The IPv4 side of one client session, whatever tunnels it: the {@code onIpv4} receiver, the
 * byte and packet counters, and ICMP echo ({@link #ping}) matched by identifier and sequence.
 * {@link #sent} and {@link #delivered} are called on the engine thread; the rest from any thread.
 */
public final class SessionTraffic {
    private final int echoIdentifier;
    private final AtomicInteger echoSequence = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Long>> pendingEchoes = new ConcurrentHashMap<>();
    private volatile Consumer<ByteBuffer> receiver = p -> { };
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long packetsIn;
    private volatile long packetsOut;

    /** @param echoIdentifier the ICMP identifier of this session's pings (e.g. its session or call ID) */
    public SessionTraffic(int echoIdentifier) {
        this.echoIdentifier = echoIdentifier & 0xFFFF;
    }

    /** An IPv4 packet from the tunnel (engine thread): counted, matched against pings, handed on. */
    public void delivered(ByteBuffer packet) {
        packetsIn++;
        bytesIn += packet.remaining();
        if (!pendingEchoes.isEmpty()) {
            IcmpEcho.parse(packet).filter(e -> e.reply() && e.identifier() == echoIdentifier)
                    .map(e -> pendingEchoes.remove(e.sequence()))
                    .ifPresent(f -> f.complete(System.nanoTime()));
        }
        receiver.accept(packet.duplicate());
    }

    /** An IPv4 packet of {@code length} octets went into the tunnel (engine thread). */
    public void sent(int length) {
        packetsOut++;
        bytesOut += length;
    }

    public void onIpv4(Consumer<ByteBuffer> r) {
        receiver = r == null ? p -> { } : r;
    }

    /**
     * Sends {@code count} echo requests from {@code source} to {@code target} through {@code send},
     * one after the other, each waiting at most {@code timeout} for its reply.
     */
    public PingResult ping(Inet4Address source, Inet4Address target, int count, Duration timeout,
                           Consumer<ByteBuffer> send) {
        List<Duration> rtts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = echoSequence.getAndIncrement() & 0xFFFF;
            CompletableFuture<Long> reply = new CompletableFuture<>();
            pendingEchoes.put(seq, reply);
            long sentAt = System.nanoTime();
            send.accept(new IcmpEcho(source, target, false, echoIdentifier, seq, 56).encode());
            try {
                rtts.add(Duration.ofNanos(reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS) - sentAt));
            } catch (TimeoutException e) {
                pendingEchoes.remove(seq);
            } catch (ExecutionException e) {
                throw new IllegalStateException("echo futures are only completed normally", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pendingEchoes.remove(seq);
                break;
            }
        }
        return new PingResult(count, rtts.size(), rtts);
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long packetsIn() {
        return packetsIn;
    }

    public long packetsOut() {
        return packetsOut;
    }
}
