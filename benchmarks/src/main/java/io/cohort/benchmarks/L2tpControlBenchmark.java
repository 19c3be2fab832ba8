package io.cohort.benchmarks;

import io.cohort.wire.DecodeResult;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DecodeFault;
import io.cohort.l2tp.wire.L2tpPacket;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
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

/**
 * Decode and encode of an SCCRQ and an ICRQ as the nodes send them (plus the optional AVPs a
 * typical LAC adds), with {@code hidden=true} every AVP that RFC 2661 4.4 allows hidden is hidden
 * (MD5 hiding with a shared secret and a 16-octet Random Vector drawn from a SecureRandom).
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class L2tpControlBenchmark {

    @Param({"false", "true"})
    public boolean hidden;

    private final SecureRandom random = new SecureRandom();
    private HidingSecret secret;
    private ControlMessage sccrq;
    private ControlMessage icrq;
    private ByteBuffer sccrqBytes;
    private ByteBuffer icrqBytes;

    static ControlMessage build(MessageType type, List<Avp> avps, boolean hide) {
        ControlMessage.Builder b = ControlMessage.builder(type);
        for (Avp avp : avps) {
            if (hide && avp instanceof Avp.Standard s && s.type().mayBeHidden()) {
                b.hidden(avp);
            } else {
                b.add(avp);
            }
        }
        return b.build();
    }

    @Setup(Level.Trial)
    public void setUp() {
        secret = HidingSecret.of("a shared tunnel secret".getBytes(StandardCharsets.UTF_8));
        sccrq = build(MessageType.SCCRQ, List.of(
                new Avp.ProtocolVersion(1, 0),
                new Avp.HostName("lac-01.example.net"),
                new Avp.FramingCapabilities(true, true),
                new Avp.BearerCapabilities(true, true),
                new Avp.FirmwareRevision(0x0100),
                new Avp.VendorName("Cohort"),
                new Avp.AssignedTunnelId(4242),
                new Avp.ReceiveWindowSize(16)), hidden);
        icrq = build(MessageType.ICRQ, List.of(
                new Avp.AssignedSessionId(777),
                new Avp.CallSerialNumber(123456),
                new Avp.BearerType(true, true),
                new Avp.CallingNumber("203.0.113.9"),
                new Avp.CalledNumber("198.51.100.1")), hidden);
        sccrqBytes = sccrqEncode();
        icrqBytes = icrqEncode();
        for (ByteBuffer b : List.of(sccrqBytes, icrqBytes)) {
            if (!(L2tpCodec.decode(b, secret) instanceof DecodeResult.Decoded)) {
                throw new IllegalStateException("does not decode: " + L2tpCodec.decode(b, secret));
            }
        }
    }

    @Benchmark
    public ByteBuffer sccrqEncode() {
        return L2tpCodec.encodeControl(0, 0, 0, 0, sccrq, secret, random);
    }

    @Benchmark
    public DecodeResult<L2tpPacket, DecodeFault> sccrqDecode() {
        return L2tpCodec.decode(sccrqBytes, secret);
    }

    @Benchmark
    public ByteBuffer icrqEncode() {
        return L2tpCodec.encodeControl(4242, 0, 1, 1, icrq, secret, random);
    }

    @Benchmark
    public DecodeResult<L2tpPacket, DecodeFault> icrqDecode() {
        return L2tpCodec.decode(icrqBytes, secret);
    }
}
