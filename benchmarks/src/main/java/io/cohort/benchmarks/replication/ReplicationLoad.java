package io.cohort.benchmarks.replication;

import java.nio.ByteBuffer;
import java.time.Duration;

/** What the replicated data path benchmarks send, and how often the lazy sweep runs between packets. */
final class ReplicationLoad {
    /** The IPv4 packet's length, as in the other data path benchmarks. */
    static final int PAYLOAD = 1400;
    /** The servers' sweep interval for per-packet counters (patent, figure 7: replicated lazily). */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
    /**
     * Packets of the one session between two sweeps: 2,000 packets/s, about 22 Mbit/s of 1,400
     * octets. Fewer packets per sweep would make the sweep weigh more per packet.
     */
    static final int PACKETS_PER_SWEEP = 1000;
    /** An address inside, behind the server. */
    static final byte[] INSIDE = {(byte) 198, 51, 100, 7};

    private ReplicationLoad() {
    }

    /** An IPv4 packet of {@code length} octets (UDP, a pattern for payload) from {@code source} to {@code destination}. */
    static ByteBuffer ipv4(int length, byte[] source, byte[] destination) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(0, (byte) 0x45).putShort(2, (short) length).put(8, (byte) 64).put(9, (byte) 17);
        b.put(12, source).put(16, destination);
        for (int i = 20; i < length; i++) {
            b.put(i, (byte) i);
        }
        return b;
    }
}
