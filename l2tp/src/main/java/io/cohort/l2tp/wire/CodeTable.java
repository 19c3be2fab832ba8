package io.cohort.l2tp.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * The constants of one {@link CodePoint} enum indexed by code, built once from
 * {@code values()} so that decoding a code is an array read, not a scan. Codes must be distinct
 * and not negative; RFC 2661's are small (the largest, an AVP type, is 39).
 */
final class CodeTable<E extends Enum<E> & CodePoint> {
    private final E[] byCode;

    CodeTable(E[] constants) {
        int max = Arrays.stream(constants).mapToInt(CodePoint::code).max().orElse(-1);
        byCode = Arrays.copyOf(constants, max + 1);
        Arrays.fill(byCode, null);
        for (E c : constants) {
            if (c.code() < 0 || byCode[c.code()] != null) {
                throw new IllegalStateException("code " + c.code() + " of " + c + " is negative or taken");
            }
            byCode[c.code()] = c;
        }
    }

    /** The constant with this code, empty if none has it. */
    Optional<E> of(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }
}
