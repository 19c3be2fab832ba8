package io.cohort.server.dataplane;

import io.cohort.steering.link.GratuitousArpSender;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The inside LAN ({@code [inside]}) as the engine uses it: {@link InsideNeighbours} over the
 * kernel's proxy ARP entries of the inside interface ({@link KernelProxyArp}) and gratuitous ARP
 * sent on it through pcap (steering's {@link GratuitousArpSender}). Opened in the server's network
 * namespace; the entries an earlier process left are removed at once.
 */
public final class InsideArp implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InsideArp.class.getName());

    private final KernelProxyArp entries;
    private final GratuitousArpSender announcer;
    private final InsideNeighbours neighbours;

    private InsideArp(KernelProxyArp entries, GratuitousArpSender announcer, InsideNeighbours neighbours) {
        this.entries = entries;
        this.announcer = announcer;
        this.neighbours = neighbours;
    }

    /**
     * Opens {@code device} in the calling thread's namespace; the neighbours run on the engine
     * thread of {@code scheduler}.
     *
     * @throws IOException if the interface is missing, or pcap or netlink cannot open it
     */
    public static InsideArp open(String device, Scheduler scheduler, Counters counters, RateLimitedLog log)
            throws IOException {
        KernelProxyArp entries = KernelProxyArp.open(device, log);
        GratuitousArpSender announcer;
        try {
            announcer = GratuitousArpSender.open(device, "inside.port", counters, log);
        } catch (IOException | RuntimeException e) {
            entries.close();
            throw e;
        }
        InsideNeighbours neighbours = new InsideNeighbours(entries, announcer::announce, scheduler, counters);
        int stale = neighbours.removeStale();
        LOG.info(() -> "inside LAN on " + device + " (" + announcer.mac() + "): answering ARP for the sessions' "
                + "addresses" + (stale > 0 ? ", " + stale + " stale proxy entries removed" : ""));
        return new InsideArp(entries, announcer, neighbours);
    }

    /** Which addresses to answer for: to be told by the data path ({@link Ipv4Dispatcher}). */
    public InsideNeighbours neighbours() {
        return neighbours;
    }

    @Override
    public void close() {
        announcer.close();
        entries.close();
    }
}
