package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tunnel authentication (RFC 2661 5.1.1): MD5(message type octet + secret + challenge). */
class TunnelAuthenticationTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHALLENGE = GoldenBytes.hex("deadbeef");

    @Test
    void sccrpResponseMatchesAnIndependentMd5() {
        // python3 -c "import hashlib; print(hashlib.md5(bytes([2])+b's3cret'+bytes.fromhex('deadbeef')).hexdigest())"
        assertThat(TunnelAuthentication.challengeResponse(2, SECRET, CHALLENGE))
                .isEqualTo(GoldenBytes.hex("c4d443484ea2a09fbdd42eed4cf604b8"));
    }

    @Test
    void theMessageTypeIsTheChapIdentifier() {
        byte[] sccrp = TunnelAuthentication.challengeResponse(MessageType.SCCRP, HidingSecret.of(SECRET), CHALLENGE);
        byte[] scccn = TunnelAuthentication.challengeResponse(MessageType.SCCCN, HidingSecret.of(SECRET), CHALLENGE);

        assertThat(sccrp).hasSize(TunnelAuthentication.RESPONSE_LENGTH).isNotEqualTo(scccn);
    }

    @Test
    void verifiesRightAndRejectsWrongResponses() {
        byte[] right = TunnelAuthentication.challengeResponse(3, SECRET, CHALLENGE);
        byte[] wrong = right.clone();
        wrong[15] ^= 1;

        assertThat(TunnelAuthentication.verify(3, SECRET, CHALLENGE, right)).isTrue();
        assertThat(TunnelAuthentication.verify(3, SECRET, CHALLENGE, wrong)).isFalse();
        assertThat(TunnelAuthentication.verify(2, SECRET, CHALLENGE, right)).isFalse();
        assertThat(TunnelAuthentication.verify(MessageType.SCCCN, HidingSecret.of(SECRET), CHALLENGE, right)).isTrue();
        assertThat(TunnelAuthentication.verify(3, SECRET, CHALLENGE, new byte[0])).isFalse();
    }
}
