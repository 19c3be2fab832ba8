package io.cohort.dataplane.tcprepair;

import static io.cohort.dataplane.tcprepair.TcpConnectionStateCodecTest.decoderOf;
import static io.cohort.dataplane.tcprepair.TcpConnectionStateCodecTest.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class TcpConnectionStateCodecPropertiesTest {
    private static final List<Function<ByteBuffer, DecodeResult<?, TcpStateDecodeError>>> DECODERS = List.of(
            TcpConnectionStateCodec::decodeInitial, TcpConnectionStateCodec::decodeWindow,
            TcpConnectionStateCodec::decodeEssential, TcpConnectionStateCodec::decodeConnection);

    @ParameterizedTest
    @MethodSource("records")
    void decodesExactlyWhatWasEncoded(Record state) {
        byte[] octets = encode(state);
        ByteBuffer buffer = ByteBuffer.wrap(octets);

        assertThat(decoderOf(state).apply(buffer)).isEqualTo(new DecodeResult.Decoded<>(state));
        assertThat(buffer.position()).isZero();
    }

    static Stream<Arguments> records() {
        return SeededCases.of(600, random -> Arguments.of(anyRecord(random)));
    }

    /**
     * Whatever the octets, every decoder returns without throwing, and what it accepts is a valid
     * record that encodes back to those very octets (the format has one encoding per record).
     */
    @ParameterizedTest
    @MethodSource("damaged")
    void neverThrowsAndAcceptsOnlyTheCanonicalEncodingOfAValidRecord(byte[] octets) {
        for (Function<ByteBuffer, DecodeResult<?, TcpStateDecodeError>> decoder : DECODERS) {
            DecodeResult<?, TcpStateDecodeError> result = decoder.apply(ByteBuffer.wrap(octets));

            switch (result) {
                case DecodeResult.Decoded<?, TcpStateDecodeError> d -> assertThat(encode((Record) d.value()))
                        .isEqualTo(octets);
                case DecodeResult.Malformed<?, TcpStateDecodeError> m -> assertThat(m.detail()).isNotBlank();
            }
        }
    }

    static Stream<Arguments> damaged() {
        return SeededCases.of(2500, random -> Arguments.of(damage(random)));
    }

    @Test
    void damageCoversEveryWayOfSpoilingAndEveryKind() {
        RandomValues random = new RandomValues(0x7C9);
        Set<Damage> damages = EnumSet.noneOf(Damage.class);
        Set<Class<?>> kinds = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            damages.add(random.oneOf(Damage.class));
            kinds.add(anyRecord(random).getClass());
        }

        assertThat(damages).containsExactlyInAnyOrder(Damage.values());
        assertThat(kinds).containsExactlyInAnyOrder(TcpConnectionInitialState.class, TcpRepairWindow.class,
                TcpConnectionEssentialState.class, TcpConnectionState.class);
    }

    private enum Damage { JUNK, JUNK_AFTER_HEADER, MUTATION, TRUNCATION, EXTENSION, NONE }

    private static byte[] damage(RandomValues random) {
        byte[] valid = encode(anyRecord(random));
        return switch (random.oneOf(Damage.class)) {
            case JUNK -> random.bytes(0, 120);
            case JUNK_AFTER_HEADER -> {
                byte[] junk = random.bytes(2, 120);
                junk[0] = (byte) TcpConnectionStateCodec.VERSION;
                junk[1] = (byte) random.intBetween(1, 4);
                yield junk;
            }
            case MUTATION -> {
                byte[] mutated = valid.clone();
                mutated[random.intBetween(0, mutated.length - 1)] = random.anyByte();
                yield mutated;
            }
            case TRUNCATION -> Arrays.copyOf(valid, random.intBetween(0, valid.length - 1));
            case EXTENSION -> {
                byte[] extra = random.bytes(1, 8);
                byte[] longer = Arrays.copyOf(valid, valid.length + extra.length);
                System.arraycopy(extra, 0, longer, valid.length, extra.length);
                yield longer;
            }
            case NONE -> valid;
        };
    }

    static Record anyRecord(RandomValues random) {
        return switch (random.intBetween(0, 3)) {
            case 0 -> anyInitial(random);
            case 1 -> anyWindow(random);
            case 2 -> anyEssential(random);
            default -> new TcpConnectionState(anyInitial(random), anyEssential(random));
        };
    }

    static TcpConnectionInitialState anyInitial(RandomValues random) {
        boolean windowScaling = random.bool();
        int max = windowScaling ? TcpConnectionInitialState.MAX_WINDOW_SCALE : 0;
        return new TcpConnectionInitialState(anyAddress(random), anyAddress(random), random.intBetween(1, 0xFFFF),
                windowScaling, random.intBetween(0, max), random.intBetween(0, max), random.bool(), random.bool());
    }

    private static InetSocketAddress anyAddress(RandomValues random) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(random.bytes(4)), random.intBetween(0, 0xFFFF));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    static TcpRepairWindow anyWindow(RandomValues random) {
        int sendWindow = random.anyInt();
        int maxWindow = (int) random.longBetween(Integer.toUnsignedLong(sendWindow), 0xFFFF_FFFFL);
        return new TcpRepairWindow(random.anyInt(), sendWindow, maxWindow, random.anyInt(), random.anyInt());
    }

    static TcpConnectionEssentialState anyEssential(RandomValues random) {
        return new TcpConnectionEssentialState(random.anyInt(), random.anyInt(), anyWindow(random), random.anyInt(),
                random.bytes(0, 1500), random.bytes(0, 1500));
    }
}
