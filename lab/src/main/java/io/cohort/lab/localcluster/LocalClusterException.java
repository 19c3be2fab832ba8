package io.cohort.lab.localcluster;

/** A local cluster or a server the lab runs could not be built, started or changed; the message says what and why. */
public final class LocalClusterException extends RuntimeException {
    public LocalClusterException(String message) {
        super(message);
    }

    public LocalClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
