package io.cohort.steering.kernel;

/**
 * libnftables refused a script or could not be reached. The message carries libnftables' own
 * error text (what {@code nft -f} would print: the offending line, a caret and the reason), so an
 * operator can act on it without reproducing the call.
 */
public final class NftablesException extends Exception {
    public NftablesException(String message) {
        super(message);
    }

    public NftablesException(String message, Throwable cause) {
        super(message, cause);
    }
}
