package io.cohort.l2tp.wire;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A Result Code AVP (RFC 2661 4.4.2) in words, for logs and events: the result as the RFC words
 * it for the message at hand (StopCCN or CDN), the general error unless it is 0 ("no general
 * error"), and the peer's message.
 */
public final class ResultCodeText {
    private ResultCodeText() {}

    /** {@code resultWording} gives the RFC's words for a result code of this message, if any. */
    public static String describe(Avp.ResultCode rc, IntFunction<Optional<String>> resultWording) {
        String text = resultWording.apply(rc.result()).orElse("result " + rc.result());
        int error = rc.error().orElse(GeneralError.NO_ERROR.code());
        if (error != GeneralError.NO_ERROR.code()) {
            text += ", error " + GeneralError.of(error).map(GeneralError::description).orElse(String.valueOf(error));
        }
        return rc.message().isEmpty() ? text : text + ": " + rc.message();
    }
}
