package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Values of the Proxy Authen Type AVP (RFC 2661 section 4.4.5). */
public enum ProxyAuthenKind implements CodePoint {
    RESERVED(0, "Reserved"),
    TEXTUAL_USERNAME_PASSWORD(1, "Textual username/password exchange"),
    PPP_CHAP(2, "PPP CHAP"),
    PPP_PAP(3, "PPP PAP"),
    NO_AUTHENTICATION(4, "No Authentication"),
    MICROSOFT_CHAP_V1(5, "Microsoft CHAP Version 1 (MSCHAPv1)");

    private static final CodeTable<ProxyAuthenKind> CODES = new CodeTable<>(values());
    private final Definition definition;

    ProxyAuthenKind(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The kind with this code, empty if the RFC defines none. */
    public static Optional<ProxyAuthenKind> of(int code) { return CODES.of(code); }
}
