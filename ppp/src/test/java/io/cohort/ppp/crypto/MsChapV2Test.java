package io.cohort.ppp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 2759 section 9.2 and RFC 3079 section 3.5.1 vectors, exactly. */
class MsChapV2Test {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String USER = "User";
    private static final String PASSWORD = "clientPass";
    private static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
    private static final byte[] PEER_CHALLENGE = HEX.parseHex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
    private static final byte[] CHALLENGE = HEX.parseHex("D0 2E 43 86 BC E9 12 26");
    private static final byte[] PASSWORD_HASH = HEX.parseHex("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE");
    private static final byte[] NT_RESPONSE = HEX.parseHex(
            "82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
    private static final byte[] PASSWORD_HASH_HASH = HEX.parseHex("41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");

    @Test
    void ntPasswordHash() {
        assertThat(MsChapV2.ntPasswordHash(PASSWORD)).isEqualTo(PASSWORD_HASH);
    }

    @Test
    void hashNtPasswordHash() {
        assertThat(MsChapV2.hashNtPasswordHash(PASSWORD_HASH)).isEqualTo(PASSWORD_HASH_HASH);
    }

    @Test
    void challengeHash() {
        assertThat(MsChapV2.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER)).isEqualTo(CHALLENGE);
    }

    @Test
    void challengeResponse() {
        assertThat(MsChapV2.challengeResponse(CHALLENGE, PASSWORD_HASH)).isEqualTo(NT_RESPONSE);
    }

    @Test
    void generateNtResponse() {
        assertThat(MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, PASSWORD_HASH))
                .isEqualTo(NT_RESPONSE);
    }

    @Test
    void generateAuthenticatorResponse() {
        assertThat(MsChapV2.generateAuthenticatorResponse(PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE,
                AUTH_CHALLENGE, USER)).isEqualTo("S=407A5589115FD0D6209F510FE9C04566932CDA56");
    }

    @Test
    void masterKeyFromRfc3079Sample() {
        byte[] expected = HEX.parseHex("FD EC E3 71 7A 8C 83 8C B3 88 E5 27 AE 3C DD 31");
        assertThat(MsChapV2.masterKey(PASSWORD_HASH_HASH, NT_RESPONSE)).isEqualTo(expected);
        assertThat(MppeKeyMaterial.fromPasswordHash(PASSWORD_HASH, NT_RESPONSE).masterKey()).isEqualTo(expected);
    }

    @Test
    void keyMaterialNeverPrintsTheKey() {
        MppeKeyMaterial keys = MppeKeyMaterial.fromPasswordHash(PASSWORD_HASH, NT_RESPONSE);
        assertThat(keys.toString()).doesNotContain("FD").doesNotContain("fd").contains("redacted");
    }
}
