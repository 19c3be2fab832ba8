package io.cohort.ppp.chap;

import java.util.HexFormat;
import java.util.Optional;

/**
 * MS-CHAPv2 Success and Failure message texts (RFC 2759 sections 5 and 6) and the layout of the
 * 49-octet Response value (section 4).
 */
public final class MsChapV2Messages {
    public static final int RESPONSE_VALUE_LENGTH = 49;
    /** ERROR_AUTHENTICATION_FAILURE (RFC 2759 section 6). */
    public static final int ERROR_AUTHENTICATION_FAILURE = 691;

    private MsChapV2Messages() {
    }

    /** "S=&lt;auth_string&gt; M=&lt;message&gt;" (section 5). */
    public static String success(String authenticatorResponse, String message) {
        return authenticatorResponse + " M=" + message;
    }

    /** "E=eeeeeeeeee R=r C=cccc V=vvvvvvvvvv M=msg" (section 6), version 3 as Windows sends. */
    public static String failure(int error, boolean retry, byte[] newChallenge, String message) {
        return "E=" + error + " R=" + (retry ? 1 : 0) + " C=" + HexFormat.of().withUpperCase().formatHex(newChallenge)
                + " V=3 M=" + message;
    }

    /** The "S=" + 40 hex digits authenticator response at the start of a Success message. */
    public static Optional<String> authenticatorResponseOf(String successMessage) {
        if (successMessage.length() < 42 || !successMessage.startsWith("S=")) {
            return Optional.empty();
        }
        return Optional.of(successMessage.substring(0, 42));
    }

    /** Peer-Challenge (16), reserved zeros (8), NT-Response (24), Flags (1). */
    public static byte[] responseValue(byte[] peerChallenge, byte[] ntResponse) {
        byte[] v = new byte[RESPONSE_VALUE_LENGTH];
        System.arraycopy(peerChallenge, 0, v, 0, 16);
        System.arraycopy(ntResponse, 0, v, 24, 24);
        return v;
    }
}
