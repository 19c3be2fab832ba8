package io.cohort.benchmarks;

import io.cohort.wire.DecodeResult;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.DecodeFault;
import io.cohort.l2tp.wire.L2tpPacket;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
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
 * The per-packet data path for one 1400-octet IPv4 packet: L2TP data header (no Length, no
 * sequence numbers: the common case) around a PPP frame with FF 03 and a two-octet protocol.
 *
 * <ul>
 *   <li>codec level: L2TP decode/encode, PPP decode/encode, and the two combined
 *       ({@code udpPayloadToIpv4}: datagram → IPv4 packet view; {@code ipv4ToUdpPayload}: IPv4
 *       packet → datagram in a reused buffer);</li>
 *   <li>engine level ({@code engine*}): an LNS {@link io.cohort.l2tp.L2tpNode} with an established
 *       session and its server {@link PppLink}: {@code L2tpNode.receive} → session lookup →
 *       {@code PppLink.receive} → IPv4 delivered; and {@code PppLink.sendIpv4} →
 *       {@code L2tpNode.sendData} → datagram handed to the transmit callback;
 *       {@code engineRoundTrip}: the LAC's send path handing its datagram straight to the LNS's
 *       receive path (the counterpart of {@code PptpDataPathBenchmark.engineRoundTrip}).</li>
 * </ul>
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class L2tpDataPathBenchmark {
    static final int IPV4 = 0x0021;
    static final int PAYLOAD = 1400;

    private ByteBuffer ipv4;
    private ByteBuffer pppFrame;
    private ByteBuffer datagram;
    private L2tpHeader header;
    private ByteBuffer out;

    private InMemoryPair pair;
    private PppLink serverLink;
    private PppLink clientLink;
    private ByteBuffer engineDatagram;
    private Blackhole sinkHole;

    static ByteBuffer ipv4Packet(int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(0, (byte) 0x45).putShort(2, (short) length).put(8, (byte) 64).put(9, (byte) 17);
        b.put(12, new byte[] {10, 64, 0, 1}).put(16, new byte[] {(byte) 198, 51, 100, 7});
        for (int i = 20; i < length; i++) {
            b.put(i, (byte) i);
        }
        return b;
    }

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        sinkHole = bh;
        ipv4 = ipv4Packet(PAYLOAD);
        pppFrame = PppFrameCodec.encode(IPV4, ipv4, true, false);
        header = new L2tpHeader(false, false, false, false, false, L2tpHeader.VERSION, 4242, 777, 0, 0, 0);
        datagram = L2tpCodec.encodeData(header, pppFrame);
        out = ByteBuffer.allocate(2048);

        pair = new InMemoryPair(new InMemoryPair.Shared(AuthMethod.MSCHAP_V2, Duration.ZERO));
        pair.setUpTunnelAndSession();
        SessionHandle s = pair.serverLinks.keySet().iterator().next();
        serverLink = pair.serverLinks.get(s);
        engineDatagram = L2tpCodec.encodeData(s.localTunnelId(), s.localSessionId(), pppFrame,
                false, 0, 0, false, 0);
        int[] delivered = new int[1];
        pair.serverSink = (session, packet) -> delivered[0] = packet.remaining();
        pair.lns.receive(InMemoryPair.LAC_ADDRESS, engineDatagram);
        if (delivered[0] != PAYLOAD) {
            throw new IllegalStateException("engine path did not deliver the IPv4 packet");
        }
        pair.serverSink = (session, packet) -> sinkHole.consume(packet);
        pair.lnsTap = datagram -> sinkHole.consume(datagram);
        clientLink = pair.clientLinks.values().iterator().next();
        pair.lacTap = datagram -> pair.lns.receive(InMemoryPair.LAC_ADDRESS, datagram);
    }

    @Benchmark
    public DecodeResult<L2tpPacket, DecodeFault> l2tpDecode() {
        return L2tpCodec.decode(datagram, null);
    }

    @Benchmark
    public ByteBuffer l2tpEncode() {
        return L2tpCodec.encodeData(header, pppFrame);
    }

    @Benchmark
    public int l2tpEncodeInto() {
        out.clear();
        L2tpCodec.encodeDataInto(out, header, pppFrame);
        return out.position();
    }

    @Benchmark
    public Object pppDecode() {
        return PppFrameCodec.decode(pppFrame);
    }

    @Benchmark
    public ByteBuffer pppEncode() {
        return PppFrameCodec.encode(IPV4, ipv4, true, false);
    }

    @Benchmark
    public ByteBuffer udpPayloadToIpv4() {
        if (L2tpCodec.decode(datagram, null) instanceof DecodeResult.Decoded(DataPacket d)
                && PppFrameCodec.decode(d.payload())
                        instanceof io.cohort.ppp.wire.DecodeResult.Ok<PppFrame>(PppFrame f)
                && f.protocol() == IPV4) {
            return f.payload();
        }
        throw new IllegalStateException();
    }

    @Benchmark
    public int ipv4ToUdpPayload() {
        ByteBuffer frame = PppFrameCodec.encode(IPV4, ipv4, true, false);
        out.clear();
        L2tpCodec.encodeDataInto(out, header, frame);
        return out.position();
    }

    @Benchmark
    public void engineReceive() {
        pair.lns.receive(InMemoryPair.LAC_ADDRESS, engineDatagram);
    }

    @Benchmark
    public boolean engineSend() {
        return serverLink.sendIpv4(ipv4);
    }

    /**
     * The LAC's send path (the same code as {@link #engineSend}) straight into the LNS's receive
     * path ({@link #engineReceive}): comparable 1:1 with {@code PptpDataPathBenchmark.engineRoundTrip}.
     */
    @Benchmark
    public boolean engineRoundTrip() {
        return clientLink.sendIpv4(ipv4);
    }
}
