package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.chap.ChapPacket;
import io.cohort.ppp.chap.MsChapV2Messages;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.pap.PapPacket;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.ppp.wire.PppOption;
import io.cohort.ppp.wire.PppProtocol;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation fuzzing of every PPP decoder: the frame codec, control packets, option lists (LCP,
 * IPCP, IPV6CP Configure-*), PAP, CHAP and MS-CHAPv2 bodies. The seeds are the real frames a
 * server and a client exchange for each authentication method; each is damaged by
 * {@link FrameMutator} and decoded layer by layer as the link would. Nothing may throw, and
 * whatever decodes must encode back to the same octets. For a longer hunt:
 * {@code -Dcohort.fuzz.iterations=20000000 -Dcohort.fuzz.seed=<any>}.
 */
@ExtendWith(FailingCaseReport.class)
class PppDecoderMutationTest {
    private static final int ITERATIONS = Integer.getInteger("cohort.fuzz.iterations", 200_000);
    private static final long SEED = Long.getLong("cohort.fuzz.seed", 0x1661);
    private static final List<byte[]> SEEDS = capturedFrames();

    /** Every frame both sides send while reaching the Network phase, for each method. */
    static List<byte[]> capturedFrames() {
        List<byte[]> frames = new ArrayList<>();
        long seed = 1;
        for (AuthMethod method : AuthMethod.values()) {
            BackToBack b = new BackToBack(List.of(method), List.of(AuthMethod.values()), "wonderland", seed++);
            b.pass = (fromServer, frame) -> {
                byte[] copy = new byte[frame.remaining()];
                frame.duplicate().get(copy);
                frames.add(copy);
                return true;
            };
            b.start();
            b.run(Duration.ofSeconds(1));
            b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45, 0, 0, 20}));
            b.pump();
        }
        return List.copyOf(frames);
    }

    @Test
    void seedsCoverEveryControlProtocol() {
        assertThat(SEEDS.stream().map(f -> ((DecodeResult.Ok<PppFrame>) PppFrameCodec.decode(ByteBuffer.wrap(f)))
                .value().protocol()).distinct().toList()).contains(PppProtocol.LCP.number(), PppProtocol.PAP.number(),
                PppProtocol.CHAP.number(), PppProtocol.IPCP.number(), PppProtocol.IPV6CP.number(),
                PppProtocol.IPV4.number());
    }

    @Test
    void seededMutationsOfCapturedFrames() {
        FrameMutator mutator = new FrameMutator(new Random(SEED));
        int packets = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            if (decodeAllLayers(mutator.mutate(SEEDS.get(i % SEEDS.size())))) {
                packets++;
            }
        }
        assertThat(packets).isGreaterThan(ITERATIONS / 10); // the damage does reach the inner decoders
    }

    @Test
    void randomFrames() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < ITERATIONS / 2; i++) {
            byte[] f = new byte[random.nextInt(80)];
            random.nextBytes(f);
            if (f.length >= 4 && random.nextBoolean()) {
                f[0] = (byte) 0xFF;
                f[1] = 0x03;
                f[2] = (byte) 0xC0;
                f[3] = (byte) (random.nextBoolean() ? 0x21 : 0x23);
            }
            decodeAllLayers(f);
        }
    }

    static Stream<Arguments> capturedFramesAndMutationSeeds() {
        return SeededCases.of(3_000, r -> Arguments.of(r.oneOf(SEEDS), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("capturedFramesAndMutationSeeds")
    void mutatedFramesDecodeOrAreRefusedWithAReason(byte[] seed, long mutationSeed) {
        decodeAllLayers(new FrameMutator(new Random(mutationSeed)).mutate(seed));
    }

    static Stream<Arguments> randomOctets() {
        return SeededCases.of(3_000, r -> Arguments.of(r.bytes(0, 300)));
    }

    @ParameterizedTest
    @MethodSource("randomOctets")
    void randomOctetsDecodeOrAreRefusedWithAReason(byte[] frame) {
        decodeAllLayers(frame);
    }

    /**
     * Runs each decoder the link would run on this frame and checks each result; returns whether a
     * control packet decoded. Fails with the frame in hex if a decoder throws.
     */
    static boolean decodeAllLayers(byte[] f) {
        try {
            return decodeLayers(f);
        } catch (RuntimeException e) {
            throw new AssertionError("a decoder threw on " + HexFormat.of().formatHex(f), e);
        }
    }

    private static boolean decodeLayers(byte[] f) {
        ByteBuffer in = ByteBuffer.wrap(f);
        if (!(wellFormed(PppFrameCodec.decode(in)) instanceof DecodeResult.Ok<PppFrame>(PppFrame frame))) {
            return false;
        }
        assertThat(in.position()).isZero();
        int protocol = frame.protocol();
        assertThat(PppFrameCodec.encode(protocol, frame.payload(), false, false).remaining())
                .isEqualTo(2 + frame.payload().remaining());
        if (protocol == PppProtocol.IPV4.number() || protocol == PppProtocol.IPV6.number()) {
            return false;
        }
        if (!(wellFormed(ControlPacket.decode(frame.payload())) instanceof DecodeResult.Ok<ControlPacket>(ControlPacket p))) {
            return false;
        }
        assertThat(ControlPacket.decode(p.encode())).isEqualTo(DecodeResult.ok(p));
        if (protocol == PppProtocol.PAP.number()) {
            if (p.code() == PapPacket.AUTHENTICATE_REQUEST
                    && wellFormed(PapPacket.decodeRequest(p)) instanceof DecodeResult.Ok<PapPacket.Request>(var r)) {
                assertThat(r.peerId()).isNotNull();
            }
            assertThat(PapPacket.message(p)).isNotNull();
        } else if (protocol == PppProtocol.CHAP.number()) {
            if (wellFormed(ChapPacket.decodeValueAndName(p)) instanceof DecodeResult.Ok<ChapPacket.ValueAndName>(var v)) {
                assertThat(v.value()).isNotEmpty();
            }
            MsChapV2Messages.authenticatorResponseOf(ChapPacket.messageOf(p))
                    .ifPresent(s -> assertThat(s).hasSize(42));
        } else if (p.code() >= 1 && p.code() <= 4) { // Configure-Request/Ack/Nak/Reject of LCP, IPCP, IPV6CP
            if (wellFormed(PppOption.decodeAll(p.data())) instanceof DecodeResult.Ok<List<PppOption>>(var options)) {
                assertThat(PppOption.encodeAll(options)).isEqualTo(p.data());
            }
        }
        return true;
    }

    private static <T> DecodeResult<T> wellFormed(DecodeResult<T> r) {
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Malformed<T> m) {
            assertThat(m.error()).isNotNull();
            assertThat(m.detail()).isNotBlank();
        } else {
            assertThat(((DecodeResult.Ok<T>) r).value()).isNotNull();
        }
        return r;
    }
}
