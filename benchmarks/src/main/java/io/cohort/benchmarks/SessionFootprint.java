package io.cohort.benchmarks;

import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.lcp.AuthMethod;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per session (not JMH). Sets up {@code tunnels × sessionsPerTunnel} sessions in memory
 * (LAC + LNS nodes, MS-CHAPv2, IPCP up on both ends), forces GC and reports heap used, first for
 * both ends, then for the LNS end alone after the LAC end is dropped.
 *
 * <pre>java -Xmx2g -cp benchmarks/target/benchmarks.jar io.cohort.benchmarks.SessionFootprint [tunnels] [sessionsPerTunnel] [echoSeconds]</pre>
 */
public final class SessionFootprint {
    private SessionFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        int tunnels = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perTunnel = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int echoSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int total = tunnels * perTunnel;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        InMemoryPair.Shared shared = new InMemoryPair.Shared(AuthMethod.MSCHAP_V2, Duration.ofSeconds(echoSeconds));
        // one pair with no sessions as the baseline, so that class loading and shared state are excluded
        InMemoryPair pair = new InMemoryPair(shared);
        long before = usedAfterGc(memory);

        long t0 = System.nanoTime();
        List<TunnelHandle> handles = new ArrayList<>();
        for (int t = 0; t < tunnels; t++) {
            handles.add(pair.lac.openTunnel(InMemoryPair.LNS_ADDRESS));
        }
        for (TunnelHandle h : handles) {
            for (int s = 0; s < perTunnel; s++) {
                pair.lac.placeCall(h).orElseThrow();
            }
        }
        pair.runUntil(() -> pair.serversUp == total && pair.clientsUp == total, Duration.ofMinutes(10));
        long elapsed = System.nanoTime() - t0;
        if (pair.lns.sessionCount() != total || pair.lac.sessionCount() != total) {
            throw new IllegalStateException("sessions: lns " + pair.lns.sessionCount() + ", lac "
                    + pair.lac.sessionCount());
        }
        long both = usedAfterGc(memory);
        handles.clear(); // LAC tunnel handles reach the LAC scheduler and, through its timers, the client links
        pair.dropLac();
        long lnsOnly = usedAfterGc(memory);

        System.out.printf("sessions: %d (%d tunnels x %d), IPCP up on both ends, MS-CHAPv2, server LCP echo %ds%n",
                total, tunnels, perTunnel, echoSeconds);
        System.out.printf("set-up of all (one thread, virtual time, both ends): %.2f s%n", elapsed / 1e9);
        System.out.printf("heap baseline: %.1f MiB, max heap %.0f MiB%n", before / 1048576.0,
                memory.getHeapMemoryUsage().getMax() / 1048576.0);
        System.out.printf("LAC + LNS ends: %.1f MiB, %d bytes/session%n", (both - before) / 1048576.0,
                (both - before) / total);
        System.out.printf("LNS end alone:  %.1f MiB, %d bytes/session%n", (lnsOnly - before) / 1048576.0,
                (lnsOnly - before) / total);
        System.out.printf("LNS sessions still held: %d%n", pair.lns.sessionCount());
        if (Boolean.getBoolean("footprint.hold")) {
            System.out.println("holding for a heap histogram (jcmd <pid> GC.class_histogram)");
            Thread.sleep(60_000);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
