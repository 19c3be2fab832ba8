package io.cohort.pptp.wire;

import java.util.Optional;

/** A coded field value of RFC 2637 with the RFC's meaning, for logs and operators. */
public interface CodePoint {
    /** The value on the wire. */
    int code();

    /** The RFC's description of this value. */
    String description();

    /** The constant of {@code type} with this code, if the RFC defines one. */
    static <E extends Enum<E> & CodePoint> Optional<E> lookup(Class<E> type, int code) {
        for (E e : type.getEnumConstants()) {
            if (e.code() == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
