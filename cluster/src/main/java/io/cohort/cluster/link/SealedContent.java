package io.cohort.cluster.link;

import java.util.Optional;

/** The first octet of a sealed plaintext: what the rest is. */
enum SealedContent {
    /** A cluster message ({@code wire} octets). */
    MESSAGE(0),
    /** The master's group key grant ({@link io.cohort.cluster.secure.GroupKey#grant()}), pairwise only. */
    GROUP_KEY(1),
    /** A member that must update asks the master for its configuration (figure 6, 641). */
    CONFIGURATION_REQUEST(2),
    /** The master's configuration: version (8), then its octets. */
    CONFIGURATION(3);

    final int code;

    SealedContent(int code) {
        this.code = code;
    }

    static Optional<SealedContent> of(byte[] plaintext) {
        if (plaintext.length == 0) {
            return Optional.empty();
        }
        for (SealedContent c : values()) {
            if (c.code == (plaintext[0] & 0xFF)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    byte[] prefix(byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) code;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
