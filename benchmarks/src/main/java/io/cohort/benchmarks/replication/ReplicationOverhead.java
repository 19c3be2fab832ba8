package io.cohort.benchmarks.replication;

import io.cohort.benchmarks.PptpPublishingPair;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.l2tp.L2tpServerRig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What replication costs the owner's data path, measured so that a shared machine's changing load
 * hits both sides alike: the same paths as {@link ReplicatedL2tpDataPathBenchmark} and
 * {@link ReplicatedPptpDataPathBenchmark} (the server's L2TP wiring; the PPTP GRE engines with
 * the server's publication; the lazy sweep and 500 ms of virtual time every
 * {@link ReplicationLoad#PACKETS_PER_SWEEP} packets), replication off ({@link UnitStatePublisher#NONE})
 * and on ({@link InProcessReplication}) built side by side in one JVM and timed in alternating
 * slices of a fixed number of packets. Prints per path the median time per packet of each and the
 * median, lowest and highest of the per-round ratios. Times are the thread's CPU time
 * ({@link ThreadCpu}), which other processes on the core do not inflate.
 *
 * <p>Usage: {@code ReplicationOverhead [rounds]} (default 31; about a minute and a half).
 */
public final class ReplicationOverhead {
    private static final int L2TP_SLICE = 200_000;
    private static final int PPTP_SLICE = 20_000;

    /** One packet through one path, with the sweep now and then. */
    private interface PacketPath {
        void packet();
    }

    private ReplicationOverhead() {
    }

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        Consumer<ByteBuffer> sink = new Sink();
        System.out.printf("%d rounds, load average %s%n%n", rounds, LoadAverage.now());
        System.out.println("| path (1,400-octet IPv4) | off CPU ns/packet | on CPU ns/packet | on vs off, median | lowest | highest "
                + "| load average |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        compare("L2TP upstream (datagram → wiring → TUN)", rounds, L2TP_SLICE,
                l2tp(UnitStatePublisher.NONE, sink, true), l2tp(connected(), sink, true));
        compare("L2TP downstream (TUN → session → datagram)", rounds, L2TP_SLICE,
                l2tp(UnitStatePublisher.NONE, sink, false), l2tp(connected(), sink, false));
        compare("PPTP downstream (MPPE, GRE)", rounds, PPTP_SLICE,
                pptp(UnitStatePublisher.NONE, sink, false), pptp(connected(), sink, false));
        compare("PPTP round trip (client sends, server receives)", rounds, PPTP_SLICE,
                pptp(UnitStatePublisher.NONE, sink, true), pptp(connected(), sink, true));
    }

    private static InProcessReplication connected() {
        InProcessReplication peer = new InProcessReplication();
        peer.connect();
        return peer;
    }

    private static PacketPath l2tp(UnitStatePublisher publisher, Consumer<ByteBuffer> sink, boolean upstream) {
        L2tpServerRig rig = new L2tpServerRig(publisher);
        if (publisher instanceof InProcessReplication peer) {
            rig.afterEachStep(peer::drainAndDeliver);
        }
        rig.connect(1, 1);
        byte[] client = rig.clientAddress(0).getAddress();
        ByteBuffer datagram = rig.upstreamDatagram(0, ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD, client,
                ReplicationLoad.INSIDE));
        ByteBuffer packet = ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD, ReplicationLoad.INSIDE, client);
        rig.tapTun(sink);
        rig.tapServer(sink);
        int[] packets = new int[1];
        return () -> {
            if (upstream) {
                rig.serverReceives(datagram.duplicate());
            } else {
                rig.fromTun(packet.duplicate());
            }
            if (++packets[0] == ReplicationLoad.PACKETS_PER_SWEEP) {
                packets[0] = 0;
                rig.passTime(ReplicationLoad.SWEEP_INTERVAL);
            }
        };
    }

    private static PacketPath pptp(UnitStatePublisher publisher, Consumer<ByteBuffer> sink, boolean roundTrip) {
        PptpPublishingPair pair = new PptpPublishingPair(publisher);
        InProcessReplication peer = publisher instanceof InProcessReplication r ? r : null;
        if (peer != null) {
            peer.drainAndDeliver();
        }
        pair.tapDataPath(sink);
        ByteBuffer packet = ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD, ReplicationLoad.INSIDE,
                new byte[] {10, 99, 0, 2});
        int[] packets = new int[1];
        return () -> {
            if (roundTrip) {
                pair.clientSends(packet.duplicate());
            } else {
                pair.serverSends(packet.duplicate());
            }
            if (++packets[0] == ReplicationLoad.PACKETS_PER_SWEEP) {
                packets[0] = 0;
                pair.passTime(ReplicationLoad.SWEEP_INTERVAL);
                pair.sweep();
                if (peer != null) {
                    peer.drainAndDeliver();
                }
            }
        };
    }

    private static void compare(String name, int rounds, int slice, PacketPath off, PacketPath on) {
        for (int warm = 0; warm < 3; warm++) {
            time(off, slice);
            time(on, slice);
        }
        List<Double> offNanos = new ArrayList<>();
        List<Double> onNanos = new ArrayList<>();
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            boolean offFirst = round % 2 == 0; // neither side always runs right after the other
            double a = offFirst ? time(off, slice) : time(on, slice);
            double b = offFirst ? time(on, slice) : time(off, slice);
            double offTime = offFirst ? a : b;
            double onTime = offFirst ? b : a;
            offNanos.add(offTime);
            onNanos.add(onTime);
            ratios[round] = onTime / offTime - 1;
        }
        Arrays.sort(ratios);
        System.out.printf("| %s | %.0f | %.0f | %+.1f %% | %+.1f %% | %+.1f %% | %s |%n", name, median(offNanos),
                median(onNanos), 100 * ratios[rounds / 2], 100 * ratios[0], 100 * ratios[rounds - 1],
                LoadAverage.now());
    }

    /** CPU nanoseconds per packet over {@code packets} packets. */
    private static double time(PacketPath path, int packets) {
        long start = ThreadCpu.nanos();
        for (int i = 0; i < packets; i++) {
            path.packet();
        }
        return (ThreadCpu.nanos() - start) / (double) packets;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Keeps what the paths hand out from being optimised away, as JMH's Blackhole does. */
    private static final class Sink implements Consumer<ByteBuffer> {
        private long sum;

        @Override
        public void accept(ByteBuffer b) {
            sum += b.remaining();
        }

        @Override
        public String toString() {
            return Long.toString(sum);
        }
    }
}
