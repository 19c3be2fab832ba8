package io.cohort.testsupport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed of one generated case, as it appears in the case's display name ({@code seed=0x…}) and
 * as {@code -Dcohort.seed=} accepts it back (the same hexadecimal form, or a decimal long).
 */
public final class CaseSeed {
    /** The system property that replays one case: {@code -Dcohort.seed=0x5deece66d}. */
    public static final String PROPERTY = "cohort.seed";

    private static final Pattern IN_NAME = Pattern.compile("seed=(0x[0-9a-f]{16})");

    private CaseSeed() {}

    /** The display name of the case with this seed: {@code seed=} and 16 hexadecimal digits. */
    public static String name(long seed) {
        return "seed=" + format(seed);
    }

    /** {@code 0x} and 16 hexadecimal digits: the form the display name and the failure report show. */
    public static String format(long seed) {
        return "0x%016x".formatted(seed);
    }

    /** A seed as {@link #format} writes it, with or without leading zeros, or as a decimal long. */
    public static long parse(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + ": not a seed (0x and up to 16 hex"
                    + " digits, or a decimal long)", e);
        }
    }

    /** The seed in a display name that {@link #name} produced, if there is one. */
    public static Optional<Long> in(String displayName) {
        Matcher m = IN_NAME.matcher(displayName);
        return m.find() ? Optional.of(parse(m.group(1))) : Optional.empty();
    }
}
