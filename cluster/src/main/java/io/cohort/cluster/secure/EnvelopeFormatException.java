package io.cohort.cluster.secure;

/** Bytes that are not a sealed envelope ({@link SealedEnvelope}) or not a join handshake message. */
public final class EnvelopeFormatException extends Exception {
    public EnvelopeFormatException(String message) {
        super(message);
    }
}
