package io.cohort.server.dataplane;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * This member as the hosts on the inside LAN see it: the neighbour at the address of every
 * session it serves. Each address served gets a proxy ARP entry on the inside interface (the
 * kernel answers those hosts' ARP requests for it with that interface's MAC) and is announced
 * by gratuitous ARP, {@value #ANNOUNCEMENTS} times {@link #SPACING} apart, so that a host that
 * cached the MAC of the member that served it before (one that failed, left, or gave the unit
 * up) switches at once (patent, figure 7: the users notice nothing; RFC 5227 section 3). Every
 * address served is announced, not only those taken over: an address of our pool may have been
 * served by another member a moment ago. An address no longer served loses its entry, so that
 * the member serving it now is the only one that answers. Engine thread.
 */
public final class InsideNeighbours implements Ipv4Dispatcher.ServedAddresses {
    /** Announcements per address served: several, as one broadcast frame may be lost. */
    static final int ANNOUNCEMENTS = 3;
    /** Their spacing. */
    static final Duration SPACING = Duration.ofMillis(100);

    /** The kernel's proxy ARP entries of the inside interface. */
    public interface ProxyArpEntries {
        /** Puts the entry of {@code address} in place; false (logged) if the kernel refused it. */
        boolean add(Inet4Address address);

        /** Removes the entry of {@code address}. */
        void remove(Inet4Address address);

        /** The addresses that have an entry now. */
        List<Inet4Address> present();
    }

    /** Sends one gratuitous ARP announcement of an address on the inside LAN. */
    @FunctionalInterface
    public interface Announcer {
        /** False (counted and logged) if the frame could not be sent. */
        boolean announce(Inet4Address address);
    }

    private final ProxyArpEntries entries;
    private final Announcer announcer;
    private final Scheduler scheduler;
    private final Set<Inet4Address> proxied = new HashSet<>();
    private final Counter added;
    private final Counter refused;
    private final Counter withdrawn;
    private final Counter announced;
    private final Counter staleRemoved;

    public InsideNeighbours(ProxyArpEntries entries, Announcer announcer, Scheduler scheduler, Counters counters) {
        this.entries = Objects.requireNonNull(entries);
        this.announcer = Objects.requireNonNull(announcer);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.added = counters.counter("inside.arp.proxy_added");
        this.refused = counters.counter("inside.arp.proxy_refused");
        this.withdrawn = counters.counter("inside.arp.proxy_removed");
        this.announced = counters.counter("inside.arp.announcements");
        this.staleRemoved = counters.counter("inside.arp.stale_removed");
    }

    /**
     * Removes the entries an earlier process left on the interface (one killed keeps them, with
     * addresses that other members serve now); before any session is served. Returns how many.
     */
    public int removeStale() {
        List<Inet4Address> stale = entries.present();
        stale.forEach(entries::remove);
        staleRemoved.add(stale.size());
        return stale.size();
    }

    @Override
    public void served(Inet4Address address) {
        if (!entries.add(address)) {
            refused.increment();
            return;
        }
        proxied.add(address);
        added.increment();
        announce(address);
        for (int i = 1; i < ANNOUNCEMENTS; i++) {
            scheduler.schedule(SPACING.multipliedBy(i), () -> {
                if (proxied.contains(address)) {
                    announce(address);
                }
            });
        }
    }

    @Override
    public void released(Inet4Address address) {
        if (proxied.remove(address)) {
            entries.remove(address);
            withdrawn.increment();
        }
    }

    /** The addresses this member answers for now. */
    public Set<Inet4Address> proxied() {
        return Set.copyOf(proxied);
    }

    private void announce(Inet4Address address) {
        if (announcer.announce(address)) {
            announced.increment();
        }
    }
}
