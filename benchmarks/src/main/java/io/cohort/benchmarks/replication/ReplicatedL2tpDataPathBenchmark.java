package io.cohort.benchmarks.replication;

import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.l2tp.L2tpServerRig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The owner's L2TP data path as the server runs it ({@link L2tpServerRig}: the wiring that brackets
 * control messages for the publication, the node, the server's PPP link, the IPv4 dispatcher), one
 * 1,400-octet IPv4 packet per operation, with replication {@code off} (the publication runs, its
 * puts go nowhere: {@link UnitStatePublisher#NONE}, a server outside a cluster) and {@code on}
 * (puts go through the real sync core and frame codec to a peer's store: {@link InProcessReplication}).
 * In both, every {@link ReplicationLoad#PACKETS_PER_SWEEP} packets 500 ms of virtual time pass:
 * the lazy sweep runs (patent, figure 7), and so do the timers, whose datagrams then reach the
 * client; {@code on} also sends what was put and applies it at the peer.
 *
 * <ul>
 *   <li>{@code upstream}: a datagram from the client into the wiring → TUN;
 *   <li>{@code downstream}: a packet from the TUN → dispatcher → session → datagram out;
 *   <li>{@code upstreamNodeOnly}: the same datagram straight into the node, past the wiring
 *       (what the wiring's check for control messages costs is the difference to {@code upstream}).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReplicatedL2tpDataPathBenchmark {
    @Param({"off", "on"})
    public String replication;

    private L2tpServerRig rig;
    private InProcessReplication peer;
    private ByteBuffer upstream;
    private ByteBuffer downstream;
    private int packets;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        boolean on = replication.equals("on");
        peer = new InProcessReplication();
        rig = new L2tpServerRig(on ? peer : UnitStatePublisher.NONE);
        if (on) {
            peer.connect();
            rig.afterEachStep(peer::drainAndDeliver);
        }
        rig.connect(1, 1);
        upstream = rig.upstreamDatagram(0, ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD,
                rig.clientAddress(0).getAddress(), ReplicationLoad.INSIDE));
        downstream = ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD, ReplicationLoad.INSIDE,
                rig.clientAddress(0).getAddress());
        int[] delivered = new int[1];
        rig.tapTun(packet -> delivered[0] = packet.remaining());
        rig.serverReceives(upstream.duplicate());
        if (delivered[0] != ReplicationLoad.PAYLOAD) {
            throw new IllegalStateException("the server's path did not deliver the IPv4 packet");
        }
        rig.tapTun(bh::consume);
        rig.tapServer(bh::consume);
    }

    @Benchmark
    public void upstream() {
        rig.serverReceives(upstream.duplicate());
        sweepNowAndThen();
    }

    @Benchmark
    public void downstream() {
        rig.fromTun(downstream.duplicate());
        sweepNowAndThen();
    }

    @Benchmark
    public void upstreamNodeOnly() {
        rig.nodeReceives(upstream.duplicate());
        sweepNowAndThen();
    }

    private void sweepNowAndThen() {
        if (++packets == ReplicationLoad.PACKETS_PER_SWEEP) {
            packets = 0;
            rig.passTime(ReplicationLoad.SWEEP_INTERVAL);
        }
    }
}
