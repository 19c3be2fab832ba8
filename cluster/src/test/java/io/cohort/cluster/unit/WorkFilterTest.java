package io.cohort.cluster.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey.Forwarded;
import io.cohort.cluster.unit.FlowKey.Ipv4Flow;
import io.cohort.cluster.unit.FlowKey.L2tpTunnel;
import io.cohort.cluster.unit.FlowKey.PptpCall;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(FailingCaseReport.class)
class WorkFilterTest {
    private static final int CLUSTER = address("192.0.2.1");
    private static final int GRE = 47;

    /**
     * Golden values from the kernel (Linux 6.18, nftables 1.0.6): a dynamic set in a test
     * namespace recorded {@code ip saddr . udp sport . jhash ip saddr . udp sport mod 1024 seed
     * 0x436f6872} (and the same for TCP, identical) for datagrams and SYNs sent from these
     * sources; see KernelJhashTest for the jhash itself and KernelClassificationIT (module
     * steering) for the live comparison.
     */
    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource({
        "192.0.2.10,      1701,  779", // L2TP SCCRQ from xl2tpd's usual source port
        "198.51.100.7,    49152, 609", // TCP SYN to PPTP 1723 from an ephemeral port
        "10.0.0.1,        1,     737",
        "10.0.0.1,        65535, 962",
        "203.0.113.5,     1723,  272",
        "255.255.255.254, 40000, 972",
        "127.0.0.1,       1701,  364",
    })
    void tcpAndUdpClassifyAsTheKernelsJhash(String source, int port, int unit) {
        for (int protocol : new int[] {Ipv4Flow.TCP, Ipv4Flow.UDP}) {
            Ipv4Flow flow = new Ipv4Flow(address(source), CLUSTER, protocol, port, 1723);

            assertThat(WorkFilter.classify(flow)).as("protocol %d", protocol).isEqualTo(WorkUnit.of(unit));
        }
    }

    @Test
    void theKernelSeedIsFixed() {
        // part of the cluster's wire contract: every member's kernel rules use this value
        assertThat(WorkFilter.KERNEL_SEED).isEqualTo(0x436F6872);
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

    static Stream<Arguments> intPairs() {
        return SeededCases.of(1000, r -> Arguments.of(r.anyInt(), r.anyInt()));
    }

    @ParameterizedTest
    @MethodSource("intPairs")
    void forwardedTrafficKeepsItsUnitInBothDirections(int a, int b) {
        assertThat(WorkFilter.classify(new Forwarded(a, b))).isEqualTo(WorkFilter.classify(new Forwarded(b, a)));
    }

    @ParameterizedTest(name = "ID {0} -> {1}")
    @CsvSource({
        "1,          1",
        "1023,    1023",
        "1024,       0", // 0x400: slot 1 of unit 0
        "0x1234,   564", // low 10 bits 0x234
        "0xFFFF,  1023",
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

    @ParameterizedTest
    @MethodSource("intPairs")
    void foldIsLinearAndKeepsTheLowBits(int a, int b) {
        assertThat(WorkFilter.fold(a ^ b)).isEqualTo(WorkFilter.fold(a) ^ WorkFilter.fold(b));
        assertThat(WorkFilter.fold(a & 0x3FF)).isEqualTo(a & 0x3FF);
    }

    /**
     * Pearson's chi-square over 1024 units for 65,536 random UDP peers (address and port). With
     * 1023 degrees of freedom the statistic exceeds 1253 with probability about 1e-6
     * (Wilson-Hilferty), so a failure means a biased hash, not bad luck.
     */
    static Stream<Arguments> seeds() {
        return SeededCases.of(20, r -> Arguments.of(r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomPeersSpreadEvenlyOverUnits(long seed) {
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
    void consecutiveAddressesSpreadEvenlyOverUnits() {
        int[] counts = new int[WorkUnit.COUNT];
        int base = address("10.0.0.0");
        for (int host = 0; host < 0x10000; host++) {
            counts[WorkFilter.classify(new Ipv4Flow(base + host, CLUSTER, 17, 1701, 1701)).value()]++;
        }

        assertThat(counts).doesNotContain(0);
        assertThat(chiSquare(counts, 0x10000)).isLessThan(1253);
    }

    @Test
    void portsBehindOneNatSpreadEvenlyOverUnits() {
        int[] counts = new int[WorkUnit.COUNT];
        int nat = address("198.51.100.7");
        for (int port = 0; port < 0x10000; port++) {
            counts[WorkFilter.classify(new Ipv4Flow(nat, CLUSTER, 6, port, 1723)).value()]++;
        }

        assertThat(counts).doesNotContain(0);
        assertThat(chiSquare(counts, 0x10000)).isLessThan(1253);
    }

    static Stream<Arguments> sourcesAndPorts() {
        return SeededCases.of(1000, r -> Arguments.of(r.anyInt(), r.intBetween(0, 0xFFFF)));
    }

    @ParameterizedTest
    @MethodSource("sourcesAndPorts")
    void unitOfAgreesWithClassify(int source, int port) {
        Ipv4Flow flow = new Ipv4Flow(source, CLUSTER, 17, port, 1701);

        assertThat(WorkFilter.unitOf(flow)).isEqualTo(WorkFilter.classify(flow).value());
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
