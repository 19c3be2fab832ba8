package io.cohort.cluster.sim;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic cluster network on a {@link VirtualScheduler}: endpoints by address, datagrams
 * lost, delayed, duplicated and reordered as the current {@link LinkConditions} say, drawn from
 * one seeded random source, and partitions (each endpoint in a numbered group; datagrams cross
 * groups never). Broadcasts are one datagram per other endpoint, each with its own fate.
 * Messages travel as objects: no codec yet. A {@link Tap} sees each message sent (a broadcast
 * once, as on a multicast or broadcast cluster network) and each datagram delivered, for
 * measuring the cluster's traffic.
 */
public final class SimNetwork {
    /** Receives datagrams for one endpoint. */
    @FunctionalInterface
    public interface Endpoint {
        void receive(MemberAddress from, ClusterMessage message);
    }

    /** Sees the traffic: {@link #NONE} by default. */
    public interface Tap {
        Tap NONE = new Tap() {
            @Override public void sent(MemberAddress from, ClusterMessage message) { }
            @Override public void delivered(MemberAddress from, MemberAddress to, ClusterMessage message) { }
        };

        /** {@code from} sent {@code message}: to one endpoint, or a broadcast to all (once). */
        void sent(MemberAddress from, ClusterMessage message);

        /** A datagram of {@code message} reached {@code to}'s endpoint (duplicates each time). */
        void delivered(MemberAddress from, MemberAddress to, ClusterMessage message);
    }

    private final VirtualScheduler scheduler;
    private final SplittableRandom random;
    private final Map<MemberAddress, Endpoint> endpoints = new TreeMap<>();
    private final Map<MemberAddress, Integer> groups = new HashMap<>();
    private LinkConditions conditions = LinkConditions.CLEAN;
    private Tap tap = Tap.NONE;
    private long sent;
    private long delivered;

    public SimNetwork(VirtualScheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
    }

    public void attach(MemberAddress address, Endpoint endpoint) {
        endpoints.put(address, endpoint);
    }

    /** The endpoint is gone (crashed): datagrams to it, even those in flight, are lost. */
    public void detach(MemberAddress address) {
        endpoints.remove(address);
    }

    public void setConditions(LinkConditions next) {
        conditions = next;
    }

    public LinkConditions conditions() {
        return conditions;
    }

    /** Replaces the tap ({@link Tap#NONE} to remove it). */
    public void tap(Tap next) {
        tap = next;
    }

    /** Puts {@code address} in partition group {@code group}; all start in group 0. */
    public void partition(MemberAddress address, int group) {
        groups.put(address, group);
    }

    /** Everyone back in one group. */
    public void heal() {
        groups.clear();
    }

    public boolean partitioned() {
        return endpoints.keySet().stream().map(a -> groups.getOrDefault(a, 0)).distinct().count() > 1;
    }

    public void unicast(MemberAddress from, MemberAddress to, ClusterMessage message) {
        tap.sent(from, message);
        transmit(from, to, message);
    }

    public void broadcast(MemberAddress from, ClusterMessage message) {
        tap.sent(from, message);
        for (MemberAddress to : endpoints.keySet().toArray(MemberAddress[]::new)) {
            if (!to.equals(from)) {
                transmit(from, to, message);
            }
        }
    }

    /** Datagrams sent, a broadcast counting one per receiver. */
    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    private void transmit(MemberAddress from, MemberAddress to, ClusterMessage message) {
        sent++;
        if (!connected(from, to) || random.nextDouble() < conditions.loss()) {
            return;
        }
        schedule(from, to, message);
        if (random.nextDouble() < conditions.duplication()) {
            schedule(from, to, message);
        }
    }

    private boolean connected(MemberAddress a, MemberAddress b) {
        return groups.getOrDefault(a, 0).equals(groups.getOrDefault(b, 0));
    }

    private void schedule(MemberAddress from, MemberAddress to, ClusterMessage message) {
        long nanos = conditions.delay().toNanos() + random.nextLong(conditions.jitter().toNanos() + 1);
        if (random.nextDouble() < conditions.reorder()) {
            nanos += random.nextLong(conditions.reorderDelay().toNanos() + 1);
        }
        scheduler.schedule(Duration.ofNanos(nanos), () -> {
            Endpoint endpoint = endpoints.get(to);
            if (endpoint != null) {
                delivered++;
                tap.delivered(from, to, message);
                endpoint.receive(from, message);
            }
        });
    }
}
