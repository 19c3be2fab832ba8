package io.cohort.cluster.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey.Forwarded;
import io.cohort.cluster.unit.FlowKey.Ipv4Flow;
import io.cohort.cluster.unit.FlowKey.L2tpTunnel;
import io.cohort.cluster.unit.FlowKey.PptpCall;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkFilterTest {
    private static final int CLUSTER = address("192.0.2.1");
    private static final int GRE = 47;

    /*
     * Hand computation of the first two rows (fold = XOR of the 10-bit slices):
     *   192.0.2.10 = 0xC000020A, ^ 1701 (0x06A5) = 0xC00004AF
     *     slices 0x0AF, 0x001, 0x000, 0x3 -> 0x0AF ^ 0x001 ^ 0x3 = 0x0AD = 173
     *   198.51.100.7 = 0xC6336407, ^ 49152 (0xC000) = 0xC633A407
     *     slices 0x007, 0x0E9, 0x063, 0x3 -> 0x007 ^ 0x0E9 = 0x0EE, ^ 0x063 = 0x08D, ^ 0x3 = 0x08E = 142
     */
    @ParameterizedTest(name = "{0}:{2} proto {1} -> {3}")
    @CsvSource({
        "192.0.2.10,   17, 1701,  173", // L2TP SCCRQ from xl2tpd's usual source port
        "198.51.100.7,  6, 49152, 142", // TCP SYN to PPTP 1723 from an ephemeral port
        "0.0.0.0,      17, 0,       0",
        "0.0.3.255,    17, 0,    1023", // low 10 bits pass through unchanged
        "0.0.4.0,      17, 0,       1", // bit 10 folds onto bit 0
        "64.0.0.0,     17, 0,       1", // bit 30 folds onto bit 0
    })
    void clusterTrafficHashesSourceAddressAndPort(String source, int protocol, int port, int unit) {
        Ipv4Flow flow = new Ipv4Flow(address(source), CLUSTER, protocol, port, 1701);

        assertThat(WorkFilter.classify(flow)).isEqualTo(WorkUnit.of(unit));
    }

    @Test
    void otherProtocolsHashBothAddresses() {
        // 203.0.113.5 ^ 192.0.2.1 = 0xCB007105 ^ 0xC0000201 = 0x0B007304
        //   slices 0x304, 0x01C, 0x0B0, 0x0 -> 0x304 ^ 0x01C = 0x318, ^ 0x0B0 = 0x3A8 = 936
        Ipv4Flow gre = new Ipv4Flow(address("203.0.113.5"), CLUSTER, GRE, 0, 0);

        assertThat(WorkFilter.classify(gre)).isEqualTo(WorkUnit.of(936));
    }

    @Test
    void destinationPortDoesNotMatterForClusterTraffic() {
        int peer = address("192.0.2.10");

        assertThat(WorkFilter.classify(new Ipv4Flow(peer, CLUSTER, 17, 1701, 1701)))
                .isEqualTo(WorkFilter.classify(new Ipv4Flow(peer, address("192.0.2.2"), 17, 1701, 4500)));
    }

    @Test
    void forwardedTrafficHashesBothAddresses() {
        // 10.1.2.3 ^ 172.16.0.9 = 0x0A010203 ^ 0xAC100009 = 0xA611020A
        //   slices 0x20A, 0x040, 0x261, 0x2 -> 0x20A ^ 0x040 = 0x24A, ^ 0x261 = 0x02B, ^ 0x2 = 0x029 = 41
        assertThat(WorkFilter.classify(new Forwarded(address("10.1.2.3"), address("172.16.0.9"))))
                .isEqualTo(WorkUnit.of(41));
    }

    @Property
    void forwardedTrafficKeepsItsUnitInBothDirections(@ForAll int a, @ForAll int b) {
        assertThat(WorkFilter.classify(new Forwarded(a, b))).isEqualTo(WorkFilter.classify(new Forwarded(b, a)));
    }

    @ParameterizedTest(name = "ID {0} -> {1}")
    @CsvSource({
        "1,          1",
        "1023,    1023",
        "1024,       1", // 0x400: slot 1 folds onto bit 0
        "0x1234,   560", // 0x234 ^ 0x4 = 0x230
        "0xFFFF,   960", // 0x3FF ^ 0x3F = 0x3C0
    })
    void ourIdentifiersClassifyByTheIdentifierAlone(String id, int unit) {
        int value = Integer.decode(id);

        assertThat(WorkFilter.classify(new L2tpTunnel(value))).isEqualTo(WorkUnit.of(unit));
        assertThat(WorkFilter.classify(new PptpCall(value))).isEqualTo(WorkUnit.of(unit));
    }

    @Test
    void l2tpWithoutOurTunnelIdClassifiesOnThePeer() {
        Ipv4Flow sccrq = new Ipv4Flow(address("192.0.2.10"), CLUSTER, 17, 1701, 1701);

        assertThat(FlowKey.l2tp(sccrq, 0)).isEqualTo(sccrq);
        assertThat(FlowKey.l2tp(sccrq, 0x1234)).isEqualTo(new L2tpTunnel(0x1234));
    }

    @Property
    void foldIsLinearAndKeepsTheLowBits(@ForAll int a, @ForAll int b) {
        assertThat(WorkFilter.fold(a ^ b)).isEqualTo(WorkFilter.fold(a) ^ WorkFilter.fold(b));
        assertThat(WorkFilter.fold(a & 0x3FF)).isEqualTo(a & 0x3FF);
    }

    /**
     * Pearson's chi-square over 1024 units for 65,536 random UDP peers (address and port). With
     * 1023 degrees of freedom the statistic exceeds 1253 with probability about 1e-6
     * (Wilson-Hilferty), so a failure means a biased hash, not bad luck.
     */
    @Property(tries = 20)
    void randomPeersSpreadEvenlyOverUnits(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int samples = WorkUnit.COUNT * 64;
        int[] counts = new int[WorkUnit.COUNT];
        for (int i = 0; i < samples; i++) {
            Ipv4Flow flow = new Ipv4Flow(random.nextInt(), CLUSTER, 17, random.nextInt(0x10000), 1701);
            counts[WorkFilter.classify(flow).value()]++;
        }

        assertThat(chiSquare(counts, samples)).isLessThan(1253);
    }

    @Test
    void consecutiveAddressesFillEveryUnitEqually() {
        int[] counts = new int[WorkUnit.COUNT];
        int base = address("10.0.0.0");
        for (int host = 0; host < 0x10000; host++) {
            counts[WorkFilter.classify(new Ipv4Flow(base + host, CLUSTER, 17, 1701, 1701)).value()]++;
        }

        assertThat(counts).containsOnly(64);
    }

    @Test
    void portsBehindOneNatFillEveryUnitEqually() {
        int[] counts = new int[WorkUnit.COUNT];
        int nat = address("198.51.100.7");
        for (int port = 0; port < 0x10000; port++) {
            counts[WorkFilter.classify(new Ipv4Flow(nat, CLUSTER, 17, port, 1701)).value()]++;
        }

        assertThat(counts).containsOnly(64);
    }

    private static double chiSquare(int[] counts, int samples) {
        double expected = (double) samples / counts.length;
        double sum = 0;
        for (int c : counts) {
            sum += (c - expected) * (c - expected) / expected;
        }
        return sum;
    }

    static int address(String dotted) {
        String[] parts = dotted.split("\\.");
        int value = 0;
        for (String part : parts) {
            value = value << 8 | Integer.parseInt(part.strip());
        }
        return value;
    }
}
