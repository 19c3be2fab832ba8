package io.cohort.cluster.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(FailingCaseReport.class)
class KernelJhashTest {
    /**
     * Bob Jenkins' lookup3.c driver5() prints these for {@code hashlittle}, which Linux's jhash()
     * equals on a little-endian host. 30 bytes: two mix rounds and a 6-byte tail.
     */
    @ParameterizedTest(name = "seed {1} -> {2}")
    @CsvSource({
        "'',                              0, 0xdeadbeef", // empty key: the initial value, no final mix
        "Four score and seven years ago,  0, 0x17770551",
        "Four score and seven years ago,  1, 0xcd628161",
    })
    void lookup3PublishedVectors(String key, int seed, String expected) {
        int hash = KernelJhash.jhash(key.getBytes(StandardCharsets.US_ASCII), seed);

        assertThat(Integer.toUnsignedString(hash, 16)).isEqualTo(Long.toHexString(Long.decode(expected)));
    }

    /** saddr 192.0.2.10, sport 1701 with the cluster seed; the kernel scales it to unit 779. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0xc2fb60b9, 779",
        "0x00000000,   0",
        "0xffffffff, 1023",
        "0x80000000, 512", // the top bits, not a remainder
        "0x003fffff,   0",
        "0x00400000,   1",
    })
    void scaleTakesTheTopTenBitsOfTheProduct(String hash, int unit) {
        assertThat(KernelJhash.scale(Long.decode(hash).intValue(), 1024)).isEqualTo(unit);
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"0xC000020A, 1701, 0xc2fb60b9"})
    void addressAndPortGolden(String source, int port, String hash) {
        assertThat(KernelJhash.addressAndPort(Long.decode(source).intValue(), port, WorkFilter.KERNEL_SEED))
                .isEqualTo(Long.decode(hash).intValue());
    }

    /** The per-packet shortcut hashes the same 8 bytes nftables puts in its registers. */
    static Stream<Arguments> addressesPortsAndSeeds() {
        return SeededCases.of(1000, r -> Arguments.of(r.anyInt(), r.intBetween(0, 0xFFFF), r.anyInt()));
    }

    @ParameterizedTest
    @MethodSource("addressesPortsAndSeeds")
    void addressAndPortIsJhashOfTheRegisterBytes(int source, int port, int seed) {
        byte[] registers = ByteBuffer.allocate(8).putInt(source).putShort((short) port).putShort((short) 0).array();

        assertThat(KernelJhash.addressAndPort(source, port, seed)).isEqualTo(KernelJhash.jhash(registers, seed));
    }

    /**
     * The tail switch reads the last 1 to 12 bytes as if zero-padded: appending zero bytes within
     * the same 12-byte block changes the hash only through the length term of the initial value
     * ({@code 0xdeadbeef + length + seed}), which a smaller seed cancels. This is why the kernel's
     * 8-byte register form of {@code saddr . sport} differs from a 6-byte one by the length alone.
     */
    static Stream<Arguments> lengthsPaddingsAndSeeds() {
        return SeededCases.of(1000, r -> Arguments.of(r.intBetween(1, 40), r.intBetween(0, 11), r.anyInt()));
    }

    @ParameterizedTest
    @MethodSource("lengthsPaddingsAndSeeds")
    void zeroPaddingWithinTheLastBlockActsOnlyThroughTheLength(int length, int padding, int seed) {
        int blocks = (length + 11) / 12;
        int pad = Math.min(padding, blocks * 12 - length);
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (31 * i + 7 + seed);
        }

        assertThat(KernelJhash.jhash(Arrays.copyOf(key, length + pad), seed - pad))
                .isEqualTo(KernelJhash.jhash(key, seed));
    }

    static Stream<Arguments> addressesAndPorts() {
        return SeededCases.of(1000, r -> Arguments.of(r.anyInt(), r.intBetween(0, 0xFFFF)));
    }

    @ParameterizedTest
    @MethodSource("addressesAndPorts")
    void theSeedChangesTheHash(int source, int port) {
        assertThat(KernelJhash.addressAndPort(source, port, WorkFilter.KERNEL_SEED))
                .isNotEqualTo(KernelJhash.addressAndPort(source, port, WorkFilter.KERNEL_SEED + 1));
    }
}
