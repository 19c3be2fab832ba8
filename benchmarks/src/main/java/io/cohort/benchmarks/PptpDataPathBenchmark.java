package io.cohort.benchmarks;

import io.cohort.wire.DecodeResult;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.mppe.MppeHeader;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreHeader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PPTP per-packet data path for one 1400-octet IPv4 packet, the counterpart of
 * {@link L2tpDataPathBenchmark}: enhanced GRE (RFC 2637 4.1) with Sequence and Acknowledgment
 * Numbers around a PPP frame ({@code FF 03 00 FD}) carrying MPPE-128 stateless (RFC 3078) of the
 * packet.
 *
 * <ul>
 *   <li>codec level: {@link GreCodec} decode (payload is a view), encode (allocating) and encode
 *       into a reused buffer, of a 1,426-octet GRE packet;</li>
 *   <li>engine level, one established call of a {@link PptpInMemoryPair} (MS-CHAPv2, MPPE-128
 *       stateless, as a Windows client gets from Cohort): {@code engineSend} is the server's
 *       {@code PppLink.sendIpv4} → MPPE encrypt → PPP encode → {@code GreChannel.send} → GRE
 *       encode → bytes to the transmit callback (a Blackhole), like L2TP's {@code engineSend};
 *       {@code engineRoundTrip} is the client's send path (the same code) followed by the server's
 *       receive path: GRE decode → call lookup by key → {@code GreChannel.receive} →
 *       {@code PppLink.receive} → MPPE decrypt → IPv4 delivered (a Blackhole). A receive path
 *       alone cannot be measured with replayed packets, since every MPPE packet changes the key
 *       and every GRE packet must carry a new sequence number; {@code engineRoundTrip - engineSend}
 *       approximates it. Compare with {@code L2tpDataPathBenchmark.engineRoundTrip}.</li>
 * </ul>
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class PptpDataPathBenchmark {
    static final int PAYLOAD = L2tpDataPathBenchmark.PAYLOAD;

    private ByteBuffer ipv4;
    private ByteBuffer pppFrame;
    private GreHeader header;
    private ByteBuffer datagram;
    private ByteBuffer out;

    private PptpInMemoryPair pair;
    private PppLink serverLink;
    private PppLink clientLink;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        ipv4 = L2tpDataPathBenchmark.ipv4Packet(PAYLOAD);
        // MPPE header, encrypted two-octet protocol and packet: the content does not matter to GRE
        pppFrame = PppFrameCodec.encode(MppeHeader.PROTOCOL, ByteBuffer.allocate(MppeHeader.LENGTH + 2 + PAYLOAD),
                true, false);
        header = new GreHeader(pppFrame.remaining(), 0x4242, OptionalLong.of(1234567), OptionalLong.of(7654321));
        datagram = GreCodec.encode(header, pppFrame);
        out = ByteBuffer.allocate(2048);

        pair = new PptpInMemoryPair(new PptpInMemoryPair.Shared());
        pair.setUpCall();
        serverLink = pair.serverCalls.values().iterator().next().link;
        clientLink = pair.clientCalls.values().iterator().next().link;
        int[] delivered = new int[1];
        pair.serverSink = (session, packet) -> delivered[0] = packet.remaining();
        pair.clientTap = gre -> pair.receive(true, gre);
        pair.serverTap = bh::consume;
        if (!clientLink.sendIpv4(ipv4) || delivered[0] != PAYLOAD) {
            throw new IllegalStateException("engine path did not deliver the IPv4 packet");
        }
        pair.serverSink = (session, packet) -> bh.consume(packet);
    }

    /** Lets the acknowledgment timers the receive path schedules and cancels run out between iterations. */
    @Setup(Level.Iteration)
    public void settleTimers() {
        pair.scheduler.advance(Duration.ofSeconds(1));
    }

    @Benchmark
    public DecodeResult<GrePacket, GreDecodeError> greDecode() {
        return GreCodec.decode(datagram);
    }

    @Benchmark
    public ByteBuffer greEncode() {
        return GreCodec.encode(header, pppFrame);
    }

    @Benchmark
    public int greEncodeInto() {
        out.clear();
        GreCodec.encodeInto(out, header, pppFrame);
        return out.position();
    }

    @Benchmark
    public boolean engineSend() {
        return serverLink.sendIpv4(ipv4);
    }

    @Benchmark
    public boolean engineRoundTrip() {
        return clientLink.sendIpv4(ipv4);
    }
}
