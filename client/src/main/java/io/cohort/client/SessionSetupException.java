package io.cohort.client;

import java.io.IOException;

/** A session could not be set up; the message says why (e.g. "PAP refused: ..."). */
public final class SessionSetupException extends IOException {
    public SessionSetupException(String message) {
        super(message);
    }
}
