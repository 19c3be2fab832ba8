package io.cohort.ppp.lcp;

/** LCP configuration option types (RFC 1661 section 6, RFC 1662 section 7.1). */
public enum LcpOptionType {
    MAXIMUM_RECEIVE_UNIT(1),
    ASYNC_CONTROL_CHARACTER_MAP(2),
    AUTHENTICATION_PROTOCOL(3),
    MAGIC_NUMBER(5),
    PROTOCOL_FIELD_COMPRESSION(7),
    ADDRESS_AND_CONTROL_FIELD_COMPRESSION(8);

    private final int type;

    LcpOptionType(int type) {
        this.type = type;
    }

    public int type() {
        return type;
    }

    /** The option with this type, or null if LCP here does not support it. */
    public static LcpOptionType of(int type) {
        for (LcpOptionType t : values()) {
            if (t.type == type) {
                return t;
            }
        }
        return null;
    }
}
