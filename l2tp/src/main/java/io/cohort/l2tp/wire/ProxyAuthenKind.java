package io.cohort.l2tp.wire;

import java.util.Optional;

/** Values of the Proxy Authen Type AVP (RFC 2661 section 4.4.5). */
public enum ProxyAuthenKind implements CodePoint {
    RESERVED(0),
    TEXTUAL_USERNAME_PASSWORD(1),
    PPP_CHAP(2),
    PPP_PAP(3),
    NO_AUTHENTICATION(4),
    MICROSOFT_CHAP_V1(5);

    private static final CodeTable<ProxyAuthenKind> CODES = new CodeTable<>(values());

    private final int code;

    ProxyAuthenKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<ProxyAuthenKind> of(int code) {
        return CODES.of(code);
    }
}
