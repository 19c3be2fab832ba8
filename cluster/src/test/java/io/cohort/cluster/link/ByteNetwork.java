package io.cohort.cluster.link;

import io.cohort.cluster.message.MemberAddress;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A cluster network of octets on a {@link VirtualScheduler}: each datagram takes 0.2–1 ms and is
 * lost with probability {@code loss} (seeded); everything sent is recorded, for tests that look at
 * the wire or replay it.
 */
final class ByteNetwork {
    record Sent(MemberAddress from, MemberAddress to, byte[] datagram) {
    }

    private final VirtualScheduler scheduler;
    private final SplittableRandom random;
    private final Map<MemberAddress, BiConsumer<MemberAddress, byte[]>> endpoints = new TreeMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private double loss;
    private java.util.function.Predicate<byte[]> dropOnce = d -> false;

    ByteNetwork(VirtualScheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
    }

    void attach(MemberAddress address, BiConsumer<MemberAddress, byte[]> endpoint) {
        endpoints.put(address, endpoint);
    }

    void detach(MemberAddress address) {
        endpoints.remove(address);
    }

    void setLoss(double probability) {
        loss = probability;
    }

    /** Loses the next datagram that {@code which} matches (once). */
    void loseNext(java.util.function.Predicate<byte[]> which) {
        dropOnce = which;
    }

    List<Sent> sent() {
        return sent;
    }

    /** Delivers {@code datagram} as if {@code from} sent it to {@code to} (no loss): replays, forgeries. */
    void inject(MemberAddress from, MemberAddress to, byte[] datagram) {
        BiConsumer<MemberAddress, byte[]> endpoint = endpoints.get(to);
        if (endpoint != null) {
            endpoint.accept(from, datagram.clone());
        }
    }

    Datagrams endpoint(MemberAddress self) {
        return new Datagrams() {
            @Override
            public void send(MemberAddress to, byte[] datagram) {
                transmit(self, to, datagram);
            }

            @Override
            public void broadcast(byte[] datagram) {
                for (MemberAddress to : endpoints.keySet().toArray(MemberAddress[]::new)) {
                    if (!to.equals(self)) {
                        transmit(self, to, datagram);
                    }
                }
            }
        };
    }

    private void transmit(MemberAddress from, MemberAddress to, byte[] datagram) {
        sent.add(new Sent(from, to, datagram.clone()));
        if (dropOnce.test(datagram)) {
            dropOnce = d -> false;
            return;
        }
        if (random.nextDouble() < loss) {
            return;
        }
        byte[] copy = datagram.clone();
        scheduler.schedule(Duration.ofNanos(1000L * (200 + random.nextInt(800))), () -> inject(from, to, copy));
    }
}
