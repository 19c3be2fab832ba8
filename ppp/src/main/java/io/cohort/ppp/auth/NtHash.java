package io.cohort.ppp.auth;

import io.cohort.ppp.crypto.MsChapV2;
import java.util.HexFormat;

/** The NT password hash (RFC 2759 section 8.3) as stored in the users file, for operator tools. */
public final class NtHash {
    private NtHash() {
    }

    /** 32 upper-case hex digits of MD4(UTF-16LE(password)). */
    public static String of(String password) {
        return HexFormat.of().withUpperCase().formatHex(bytesOf(password));
    }

    public static byte[] bytesOf(String password) {
        return MsChapV2.ntPasswordHash(password);
    }
}
