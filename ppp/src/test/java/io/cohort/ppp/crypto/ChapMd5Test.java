package io.cohort.ppp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChapMd5Test {
    @Test
    void responseIsMd5OfIdentifierSecretChallenge() throws Exception {
        byte[] challenge = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
        MessageDigest jdk = MessageDigest.getInstance("MD5");
        jdk.update((byte) 0x2a);
        jdk.update("secret".getBytes(StandardCharsets.UTF_8));
        jdk.update(challenge);
        assertThat(ChapMd5.response(0x2a, "secret", challenge)).isEqualTo(jdk.digest());
    }

    @Test
    void knownAnswer() {
        // MD5(00 "" ) over an empty secret and challenge: MD5 of the single octet 0x00.
        assertThat(HexFormat.of().formatHex(ChapMd5.response(0, new byte[0], new byte[0])))
                .isEqualTo("93b885adfe0da089cdf634904fd59f71");
    }
}
