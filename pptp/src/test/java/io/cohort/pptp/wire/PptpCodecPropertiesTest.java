package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Round trips of every control message type over the whole range of every field. */
class PptpCodecPropertiesTest {
    private static final Set<ControlMessageType> SEEN = EnumSet.noneOf(ControlMessageType.class);

    @Provide
    Arbitrary<ControlMessage> messages() {
        return WireArbitraries.anyMessage();
    }

    @Property(tries = 3_000)
    void encodeThenDecodeGivesTheMessageBack(@ForAll("messages") ControlMessage m) {
        ByteBuffer wire = PptpCodec.encode(m);
        SEEN.add(m.type());

        assertThat(wire.remaining()).isEqualTo(m.type().length());
        assertThat(PptpCodec.decode(wire)).isEqualTo(new DecodeResult.Decoded<>(m));
        assertThat(wire.position()).isZero();
    }

    @Property(tries = 500)
    void trailingOctetsBelongToTheNextMessage(@ForAll("messages") ControlMessage m, @ForAll byte[] tail) {
        ByteBuffer wire = PptpCodec.encode(m);
        ByteBuffer longer = ByteBuffer.allocate(wire.remaining() + tail.length).put(wire).put(tail).flip();

        assertThat(PptpCodec.decode(longer)).isEqualTo(new DecodeResult.Decoded<>(m));
    }

    @AfterContainer
    static void everyTypeWasGenerated() {
        assertThat(SEEN).containsExactlyInAnyOrder(ControlMessageType.values());
    }
}
