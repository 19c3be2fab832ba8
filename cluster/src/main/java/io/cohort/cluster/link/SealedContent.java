package io.cohort.cluster.link;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** The first octet of a sealed plaintext: what the rest is. */
enum SealedContent implements CodePoint {
    /** A cluster message ({@code wire} octets). */
    MESSAGE(0, "cluster message"),
    /** The master's group key grant ({@link io.cohort.cluster.secure.GroupKey#grant()}), pairwise only. */
    GROUP_KEY(1, "group key grant"),
    /** A member that must update asks the master for its configuration (figure 6, 641). */
    CONFIGURATION_REQUEST(2, "configuration request"),
    /** The master's configuration: version (8), then its octets. */
    CONFIGURATION(3, "configuration");

    private static final CodeTable<SealedContent> CODES = new CodeTable<>(values());
    private final Definition definition;

    SealedContent(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** What the plaintext's first octet says the rest is, empty if it is empty or says nothing known. */
    static Optional<SealedContent> of(byte[] plaintext) {
        return plaintext.length == 0 ? Optional.empty() : CODES.of(plaintext[0] & 0xFF);
    }

    byte[] prefix(byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) code();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
