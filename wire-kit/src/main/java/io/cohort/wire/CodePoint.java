package io.cohort.wire;

import java.util.Objects;

/**
 * An enum constant that stands for one numbered value of a wire field (a message type, a result
 * or error code, an attribute type) with the wording its specification gives it, for logs and
 * operators. The enum keeps its {@link Definition} and finds its constants by code through a
 * {@link CodeTable}, so that its body is its values, a constructor line and a lookup line.
 */
public interface CodePoint {
    /** The code on the wire and the specification's words for it. */
    Definition definition();

    /** The value on the wire. */
    default int code() {
        return definition().code();
    }

    /** The name or wording the specification gives this value (e.g. RFC 2637's result texts). */
    default String description() {
        return definition().description();
    }

    /**
     * A code and its description, as the defining RFC (or, for Cohort's own formats, the format's
     * documentation) lists them.
     *
     * @param code        the value on the wire, not negative
     * @param description the specification's words for it, not blank
     */
    record Definition(int code, String description) {
        public Definition {
            if (code < 0) {
                throw new IllegalArgumentException("code " + code + " is negative");
            }
            if (Objects.requireNonNull(description, "description").isBlank()) {
                throw new IllegalArgumentException("code " + code + " has a blank description");
            }
        }
    }
}
