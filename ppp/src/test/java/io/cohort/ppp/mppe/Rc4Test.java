package io.cohort.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** {@link Rc4} against a published test vector and against Bouncy Castle's RC4, which it replaced. */
class Rc4Test {

    @Test
    void theKeyKeyPlaintextVector() {
        // The widely published RC4 example: key "Key", plaintext "Plaintext".
        Rc4 rc4 = new Rc4();
        rc4.init("Key".getBytes());
        byte[] data = "Plaintext".getBytes();
        rc4.process(data, 0, data.length, data, 0);
        assertThat(HexFormat.of().formatHex(data)).isEqualTo("bbf316e8d940af0ad3");
    }

    @Property(tries = 200)
    void sameStreamAsBouncyCastle(@ForAll @Size(min = 1, max = 32) byte[] key, @ForAll @Size(max = 600) byte[] data,
                                  @ForAll @IntRange(min = 0, max = 600) int split) {
        RC4Engine reference = new RC4Engine();
        reference.init(true, new KeyParameter(key));
        byte[] expected = new byte[data.length];
        reference.processBytes(data, 0, data.length, expected, 0);

        Rc4 rc4 = new Rc4();
        rc4.init(key);
        byte[] actual = data.clone();
        int first = Math.min(split, data.length); // in two calls: the stream continues
        rc4.process(actual, 0, first, actual, 0);
        rc4.process(actual, first, data.length - first, actual, first);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void refusesEmptyKeys() {
        assertThatThrownBy(() -> new Rc4().init(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
