package io.cohort.l2tp.wire;

import java.security.MessageDigest;

/**
 * Tunnel authentication of RFC 2661 section 5.1.1: a CHAP-style (RFC 1994) response whose
 * identifier is the Message Type of the message carrying it, 2 in an SCCRP, 3 in an SCCCN (4.4.3).
 */
public final class TunnelAuthentication {
    /** Octets of an MD5 response, the Challenge Response AVP's value. */
    public static final int RESPONSE_LENGTH = 16;

    private TunnelAuthentication() {}

    /** MD5(message type octet + secret + challenge). */
    public static byte[] challengeResponse(int messageType, byte[] secret, byte[] challenge) {
        MessageDigest md5 = AvpHiding.md5();
        md5.update((byte) messageType);
        md5.update(secret);
        md5.update(challenge);
        return md5.digest();
    }

    /** {@link #challengeResponse(int, byte[], byte[])} with the tunnel's secret. */
    public static byte[] challengeResponse(MessageType type, HidingSecret secret, byte[] challenge) {
        return challengeResponse(type.code(), secret.raw(), challenge);
    }

    /** Whether {@code response} is right, compared in constant time. */
    public static boolean verify(int messageType, byte[] secret, byte[] challenge, byte[] response) {
        return MessageDigest.isEqual(challengeResponse(messageType, secret, challenge), response);
    }

    /** {@link #verify(int, byte[], byte[], byte[])} with the tunnel's secret. */
    public static boolean verify(MessageType type, HidingSecret secret, byte[] challenge, byte[] response) {
        return verify(type.code(), secret.raw(), challenge, response);
    }
}
