package io.cohort.steering.link;

import java.io.IOException;

/** Preparing (or restoring) the steering interface failed; the message names the interface and step. */
public final class InterfacePreparationException extends IOException {
    public InterfacePreparationException(String message) {
        super(message);
    }

    public InterfacePreparationException(String message, Throwable cause) {
        super(message, cause);
    }
}
