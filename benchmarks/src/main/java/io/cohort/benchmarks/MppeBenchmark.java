package io.cohort.benchmarks;

import io.cohort.ppp.mppe.MppeDecryptor;
import io.cohort.ppp.mppe.MppeEncryptor;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeReceiveResult;
import io.cohort.ppp.mppe.MppeStrength;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * MPPE-128 (RFC 3078) on one core: {@link MppeEncryptor#encrypt} of a PPP packet (two-octet
 * protocol field and an IPv4 packet of {@code size} octets), and that encryption followed by
 * {@link MppeDecryptor#decrypt} at a receiver keyed the same way, which checks the count and
 * decrypts (the per-packet work of both ends of a PPTP call). Stateless mode changes the key
 * before every packet (RFC 3078 7.1: SHA-1 over the keys plus an RC4 key schedule, twice); stateful
 * only every 256 packets. Each packet's octets ({@code size}) are counted in the {@code octets}
 * secondary result, so JMH reports octets per microsecond (= MB/s) next to ops/µs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MppeBenchmark {
    @Param({"64", "1400"})
    public int size;

    @Param({"true", "false"})
    public boolean stateless;

    private byte[] pppPacket;
    private MppeEncryptor encryptor;
    private MppeEncryptor pairedEncryptor;
    private MppeDecryptor decryptor;

    /** IPv4 octets processed, reported by JMH as a rate beside ops. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Octets {
        public long octets;

        @Setup(Level.Iteration)
        public void clear() {
            octets = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        byte[] ipv4 = L2tpDataPathBenchmark.ipv4Packet(size).array();
        pppPacket = new byte[2 + ipv4.length];
        pppPacket[1] = (byte) L2tpDataPathBenchmark.IPV4;
        System.arraycopy(ipv4, 0, pppPacket, 2, ipv4.length);
        MppeMode mode = new MppeMode(MppeStrength.BITS_128, stateless);
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x3C + 7 * i);
        }
        encryptor = new MppeEncryptor(key, mode);
        pairedEncryptor = new MppeEncryptor(key, mode);
        decryptor = new MppeDecryptor(key, mode);
        if (!(decryptor.decrypt(pairedEncryptor.encrypt(pppPacket)) instanceof MppeReceiveResult.Decrypted d)
                || !Arrays.equals(d.plaintext(), pppPacket)) {
            throw new IllegalStateException("MPPE round trip does not give the packet back");
        }
    }

    @Benchmark
    public byte[] encrypt(Octets o) {
        o.octets += size;
        return encryptor.encrypt(pppPacket);
    }

    @Benchmark
    public MppeReceiveResult encryptDecrypt(Octets o) {
        o.octets += size;
        MppeReceiveResult r = decryptor.decrypt(pairedEncryptor.encrypt(pppPacket));
        if (!(r instanceof MppeReceiveResult.Decrypted)) {
            throw new IllegalStateException("dropped: " + r);
        }
        return r;
    }
}
