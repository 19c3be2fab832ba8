package io.cohort.l2tp.wire;

import java.util.Objects;

/**
 * An AVP as it sits in a control message: its value plus the M (mandatory) and H (hidden) bits of
 * its header (RFC 2661 section 4.1). Build with {@link #of(Avp)} to get the M-bit the RFC
 * requires, and {@link #hidden(Avp)} to ask the encoder to hide the value (4.3).
 */
public record FlaggedAvp(Avp avp, boolean mandatory, boolean hidden) {

    public FlaggedAvp {
        Objects.requireNonNull(avp, "avp");
        if (avp instanceof Avp.UnknownAvp u && u.mandatory() != mandatory) {
            throw new IllegalArgumentException("M-bit of an unknown AVP is its own mandatory field");
        }
        if (hidden && avp instanceof Avp.Standard s && !s.type().mayBeHidden()) {
            throw new IllegalArgumentException(s.type().description() + " MUST NOT be hidden");
        }
    }

    /** The AVP in cleartext with the M-bit section 4.4 prescribes for its type. */
    public static FlaggedAvp of(Avp avp) {
        return new FlaggedAvp(avp, defaultMandatory(avp), false);
    }

    /** The AVP hidden (4.3) with the M-bit section 4.4 prescribes for its type. */
    public static FlaggedAvp hidden(Avp avp) {
        return new FlaggedAvp(avp, defaultMandatory(avp), true);
    }

    private static boolean defaultMandatory(Avp avp) {
        return switch (avp) {
            case Avp.Standard s -> s.type().mandatory();
            case Avp.UnknownAvp u -> u.mandatory();
        };
    }
}
