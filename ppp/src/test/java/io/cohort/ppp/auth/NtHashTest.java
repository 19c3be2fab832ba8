package io.cohort.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NtHashTest {
    @Test
    void rfc2759Example() {
        assertThat(NtHash.of("clientPass")).isEqualTo("44EBBA8D5312B8D611474411F56989AE");
    }

    @Test
    void rfc2759DesKeyExample() {
        // RFC 2759 9.3: password "MyPw"
        assertThat(NtHash.of("MyPw")).isEqualTo("FC156AF7EDCD6C0EDDE3337D427F4EAC");
    }
}
