package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void toStringHidesTheValue() {
        assertThat(Secret.of("hunter2")).hasToString("Secret[set]");
        assertThat(Secret.of("")).hasToString("Secret[none]");
    }

    @Test
    void emptyTextIsNoSecret() {
        assertThat(Secret.of("").isPresent()).isFalse();
        assertThat(Secret.of("")).isEqualTo(Secret.none());
    }

    @Test
    void bytesAreUtf8AndACopy() {
        Secret s = Secret.of("pässword");
        byte[] b = s.bytes();
        b[0] = 0;
        assertThat(s.bytes()).isEqualTo("pässword".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void equalityIsByValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    }
}
