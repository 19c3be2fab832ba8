package io.cohort.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * The constants of one {@link CodePoint} enum indexed by code, built once from {@code values()}
 * so that decoding a code is an array read, not a scan. Codes must be distinct; the array is as
 * long as the largest code plus one, which suits the small, dense numbering of protocol fields
 * (RFC 2661's largest AVP type is 39, RFC 2637's largest message type 15).
 *
 * @param <E> the enum
 */
public final class CodeTable<E extends Enum<E> & CodePoint> {
    private final E[] byCode;

    /**
     * @param constants the enum's {@code values()}
     * @throws IllegalStateException if two constants share a code (a programming error)
     */
    public CodeTable(E[] constants) {
        int max = Arrays.stream(constants).mapToInt(CodePoint::code).max().orElse(-1);
        byCode = Arrays.copyOf(constants, max + 1);
        Arrays.fill(byCode, null);
        for (E c : constants) {
            if (byCode[c.code()] != null) {
                throw new IllegalStateException("code " + c.code() + " of " + c + " is taken by " + byCode[c.code()]);
            }
            byCode[c.code()] = c;
        }
    }

    /** The constant with this code, empty if none has it (any {@code int}, e.g. an unchecked wire value). */
    public Optional<E> of(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }
}
