package io.cohort.benchmarks.replication;

import io.cohort.benchmarks.PptpPublishingPair;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.l2tp.L2tpServerRig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replication at scale, in one process (patent, figure 7): a member with many L2TP sessions (the
 * server's wiring and publication, {@link L2tpServerRig}) replicating to one peer through the real
 * sync core and frame codec ({@link InProcessReplication}; no Netty, no TLS). Measures:
 *
 * <ol>
 *   <li>set-up rate with replication off ({@link UnitStatePublisher#NONE}, what a server outside a
 *       cluster runs) and on (published, sent and applied at the peer every 100 ms step), per
 *       second of CPU, alternating;
 *   <li>the snapshot a joining member gets: octets, frames, the time to send it (outbox walk and
 *       frame encoding) and to apply it (frame decoding, intake, {@link ReplicaStore}), and the
 *       peer's heap for it (MemoryMXBean after GC, store built minus store dropped);
 *   <li>a change of every session's and tunnel's essential state at once: the time per change at
 *       each end (coalescing dirty set and encoding; decoding and applying);
 *   <li>steady state without traffic for two minutes of virtual time: puts and octets per second
 *       and the time each end spends on them;
 *   <li>as many PPTP calls (MS-CHAPv2, MPPE-128; the server's PPTP publication fed by real engines,
 *       {@link PptpPublishingPair}), one per control connection: their snapshot and the peer's heap.
 * </ol>
 *
 * <p>Times are the thread's CPU time ({@link ThreadCpu}): the machine is shared.
 *
 * <p>Usage: {@code ReplicaScale [tunnels] [sessionsPerTunnel] [rounds]} (defaults 100 100 5).
 */
public final class ReplicaScale {
    private static final int TUNNEL_ESSENTIAL = 0x0101;
    private static final int SESSION_ESSENTIAL = 0x0103;

    private ReplicaScale() {
    }

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // a line per session otherwise
        int tunnels = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perTunnel = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int sessions = tunnels * perTunnel;
        System.out.printf("%d sessions on %d tunnels; %d rounds; load average %s%n", sessions, tunnels, rounds,
                LoadAverage.now());

        InProcessReplication replication = null;
        L2tpServerRig rig = null;
        System.out.println();
        System.out.println("| set-up, replication | sessions per CPU second | load average |");
        System.out.println("|---|---:|---|");
        for (int round = 0; round < 2 * rounds; round++) {
            boolean on = round % 2 == 1;
            InProcessReplication r = on ? new InProcessReplication() : null;
            L2tpServerRig candidate = new L2tpServerRig(on ? r : UnitStatePublisher.NONE);
            if (on) {
                r.connect();
                candidate.afterEachStep(r::drainAndDeliver);
            }
            long start = ThreadCpu.nanos();
            candidate.connect(tunnels, perTunnel);
            double seconds = (ThreadCpu.nanos() - start) / 1e9;
            System.out.printf("| %s | %,.0f | %s |%n", on ? "on" : "off", sessions / seconds, LoadAverage.now());
            if (on) {
                replication = r;
                rig = candidate;
            }
        }
        if (replication == null || replication.replicas().entries() != sessions * 2 + tunnels * 2) {
            throw new IllegalStateException("the peer holds " + (replication == null ? 0 : replication.replicas().entries())
                    + " keys, not " + (sessions * 2 + tunnels * 2));
        }
        snapshots("L2TP", replication, sessions, rounds);
        changes(replication, rounds);
        steadyState(rig, replication);
        pptp(sessions, rounds);
    }

    /**
     * {@code calls} PPTP calls, each on its own control connection (the client's usual shape), set up
     * one after the other with the real engines and published through the server's publication
     * (patent, figure 7); only the published state is kept. Then the snapshot, as for L2TP.
     */
    private static void pptp(int calls, int rounds) {
        InProcessReplication replication = new InProcessReplication();
        replication.connect();
        for (int call = 0; call < calls; call++) {
            new PptpPublishingPair(replication, WorkUnit.of(call % WorkUnit.COUNT), call + 1);
            if (call % 100 == 99) {
                replication.drainAndDeliver();
            }
        }
        replication.drainAndDeliver();
        if (replication.replicas().entries() != calls * 9) {
            throw new IllegalStateException("the peer holds " + replication.replicas().entries() + " PPTP keys, not "
                    + calls * 9);
        }
        snapshots("PPTP", replication, calls, rounds);
    }

    private static void snapshots(String protocol, InProcessReplication replication, int sessions, int rounds) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.println();
        System.out.println("| " + protocol + " snapshot to a joining member | keys | frames | octets | send CPU ms | apply CPU ms | peer heap | "
                + "heap per session | load average |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int round = 0; round < rounds; round++) {
            replication.join();
            long heapBefore = heapAfterGc(memory);
            long frames = replication.framesSent();
            long start = ThreadCpu.nanos();
            long octets = replication.drain();
            long sent = ThreadCpu.nanos();
            replication.deliver();
            long applied = ThreadCpu.nanos();
            long heap = heapAfterGc(memory) - heapBefore;
            System.out.printf("| round %d | %,d | %,d | %,d | %.1f | %.1f | %,d B | %,d B | %s |%n", round + 1,
                    replication.replicas().entries(), replication.framesSent() - frames, octets, (sent - start) / 1e6,
                    (applied - sent) / 1e6, heap, heap / sessions, LoadAverage.now());
        }
    }

    private static void changes(InProcessReplication replication, int rounds) {
        List<Map.Entry<WorkUnit, Map.Entry<StateKey, ReplicaStore.Replica>>> essential = new ArrayList<>();
        for (int unit = 0; unit < WorkUnit.COUNT; unit++) {
            WorkUnit u = WorkUnit.of(unit);
            for (Map.Entry<StateKey, ReplicaStore.Replica> e : replication.replicas().unit(u).entrySet()) {
                int space = e.getKey().space();
                if (space == TUNNEL_ESSENTIAL || space == SESSION_ESSENTIAL) {
                    essential.add(Map.entry(u, e));
                }
            }
        }
        System.out.println();
        System.out.println("| every essential state changes once | changes | octets | put CPU µs/change | send CPU µs/change | "
                + "apply CPU µs/change | load average |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (int round = 0; round < rounds; round++) {
            long start = ThreadCpu.nanos();
            for (Map.Entry<WorkUnit, Map.Entry<StateKey, ReplicaStore.Replica>> e : essential) {
                byte[] state = e.getValue().getValue().state();
                state[state.length - 1] ^= (byte) (round + 1); // another value of the same length
                replication.put(e.getKey(), e.getValue().getKey(), state);
            }
            long put = ThreadCpu.nanos();
            long octets = replication.drain();
            long sent = ThreadCpu.nanos();
            replication.deliver();
            long applied = ThreadCpu.nanos();
            double n = essential.size();
            System.out.printf("| round %d | %,d | %,d | %.2f | %.2f | %.2f | %s |%n", round + 1, essential.size(), octets,
                    (put - start) / 1e3 / n, (sent - put) / 1e3 / n, (applied - sent) / 1e3 / n, LoadAverage.now());
        }
    }

    private static void steadyState(L2tpServerRig rig, InProcessReplication replication) {
        long[] sendNanos = new long[1];
        long[] applyNanos = new long[1];
        rig.afterEachStep(() -> {
            long start = ThreadCpu.nanos();
            replication.drain();
            long sent = ThreadCpu.nanos();
            replication.deliver();
            sendNanos[0] += sent - start;
            applyNanos[0] += ThreadCpu.nanos() - sent;
        });
        rig.run(Duration.ofSeconds(10)); // settle: what the set-up left due
        sendNanos[0] = 0;
        applyNanos[0] = 0;
        long frames = replication.framesSent();
        long octets = replication.octetsSent();
        Duration span = Duration.ofMinutes(2);
        long start = ThreadCpu.nanos();
        rig.run(span);
        double cpu = (ThreadCpu.nanos() - start) / 1e9;
        double seconds = span.toSeconds();
        System.out.println();
        System.out.println("| steady state, no traffic, 120 s virtual | frames/s | octets/s | send CPU µs/s | apply CPU µs/s | "
                + "CPU s (whole member and client) | load average |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        System.out.printf("| %,d sessions | %.1f | %,.0f | %.1f | %.1f | %.1f | %s |%n", rig.publishedSessions(),
                (replication.framesSent() - frames) / seconds, (replication.octetsSent() - octets) / seconds,
                sendNanos[0] / 1e3 / seconds, applyNanos[0] / 1e3 / seconds, cpu, LoadAverage.now());
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
