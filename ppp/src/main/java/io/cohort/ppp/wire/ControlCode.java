package io.cohort.ppp.wire;

/** Control packet codes (RFC 1661 section 5); codes 1-7 are common to LCP and the NCPs. */
public enum ControlCode {
    CONFIGURE_REQUEST(1),
    CONFIGURE_ACK(2),
    CONFIGURE_NAK(3),
    CONFIGURE_REJECT(4),
    TERMINATE_REQUEST(5),
    TERMINATE_ACK(6),
    CODE_REJECT(7),
    PROTOCOL_REJECT(8),
    ECHO_REQUEST(9),
    ECHO_REPLY(10),
    DISCARD_REQUEST(11);

    private static final ControlCode[] BY_CODE = new ControlCode[12];

    static {
        for (ControlCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;

    ControlCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code with this number, or null if it is not one of RFC 1661's. */
    public static ControlCode of(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
