package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;

/** The part of an {@link L2tpCodec#decode} result a test looks at; each fails the test if it is the other outcome. */
public final class Decoding {
    private Decoding() {}

    /** The packet a datagram decoded into. */
    public static L2tpPacket packet(DecodeResult<L2tpPacket, DecodeFault> r) {
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded<L2tpPacket, DecodeFault>) r).value();
    }

    /** Why the datagram was rejected. */
    public static DecodeFault fault(DecodeResult<L2tpPacket, DecodeFault> r) {
        return malformed(r).error();
    }

    /** The rejection: its fault and its detail. */
    public static DecodeResult.Malformed<L2tpPacket, DecodeFault> malformed(DecodeResult<L2tpPacket, DecodeFault> r) {
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        return (DecodeResult.Malformed<L2tpPacket, DecodeFault>) r;
    }
}
