package io.cohort.cluster.pki;

import java.io.IOException;

/** A PEM text or file that does not hold what was asked for (wrong block type, bad DER, several blocks). */
public final class PemException extends IOException {
    public PemException(String message) {
        super(message);
    }
}
