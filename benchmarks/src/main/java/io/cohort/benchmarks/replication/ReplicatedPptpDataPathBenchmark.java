package io.cohort.benchmarks.replication;

import io.cohort.benchmarks.PptpPublishingPair;
import io.cohort.replication.UnitStatePublisher;
import java.nio.ByteBuffer;
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
 * The owner's PPTP GRE data path (the engines of {@code PptpDataPathBenchmark}: PPP link with
 * MPPE-128 stateless, GRE channel, GRE codec), one 1,400-octet IPv4 packet per operation, with the
 * server's publication ({@link PptpPublishingPair}) doing what the server's 500 ms sweep does
 * for the call every {@link ReplicationLoad#PACKETS_PER_SWEEP} packets (its GRE and MPPE counters,
 * encoded and put since they moved: patent, figure 7). Replication {@code off}: the puts go nowhere
 * ({@link UnitStatePublisher#NONE}, a server outside a cluster); {@code on}: through the real sync
 * core and frame codec to a peer's store ({@link InProcessReplication}). In both, 500 ms of virtual
 * time pass at each sweep (GRE acknowledgments, LCP echoes, answered by the client). The server's
 * GRE path itself has no replication code per packet.
 *
 * <ul>
 *   <li>{@code downstream}: the server's link sends (MPPE encryption, GRE);
 *   <li>{@code roundTrip}: the client's link sends, the server's receives (GRE decode, MPPE
 *       decryption, IPv4 delivered).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReplicatedPptpDataPathBenchmark {
    @Param({"off", "on"})
    public String replication;

    private PptpPublishingPair pair;
    private InProcessReplication peer;
    private boolean on;
    private ByteBuffer packet;
    private int packets;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        on = replication.equals("on");
        peer = new InProcessReplication();
        if (on) {
            peer.connect();
        }
        pair = new PptpPublishingPair(on ? peer : UnitStatePublisher.NONE);
        peer.drainAndDeliver();
        packet = ReplicationLoad.ipv4(ReplicationLoad.PAYLOAD, ReplicationLoad.INSIDE, new byte[] {10, 99, 0, 2});
        int[] delivered = new int[1];
        pair.tapDataPath(p -> delivered[0] = p.remaining());
        pair.clientSends(packet.duplicate());
        if (delivered[0] != ReplicationLoad.PAYLOAD) {
            throw new IllegalStateException("the round trip did not deliver the IPv4 packet");
        }
        pair.tapDataPath(bh::consume);
    }

    @Benchmark
    public boolean downstream() {
        boolean sent = pair.serverSends(packet.duplicate());
        sweepNowAndThen();
        return sent;
    }

    @Benchmark
    public boolean roundTrip() {
        boolean sent = pair.clientSends(packet.duplicate());
        sweepNowAndThen();
        return sent;
    }

    private void sweepNowAndThen() {
        if (++packets == ReplicationLoad.PACKETS_PER_SWEEP) {
            packets = 0;
            pair.passTime(ReplicationLoad.SWEEP_INTERVAL);
            pair.sweep();
            if (on) {
                peer.drainAndDeliver();
            }
        }
    }
}
