package io.cohort.pptp.wire;

import java.util.Optional;

/**
 * The Control Message Types of RFC 2637 section 1.4 with the fixed total length (header
 * included) that the layouts of section 2 give each of them.
 */
public enum ControlMessageType {
    START_CONTROL_CONNECTION_REQUEST(1, 156),
    START_CONTROL_CONNECTION_REPLY(2, 156),
    STOP_CONTROL_CONNECTION_REQUEST(3, 16),
    STOP_CONTROL_CONNECTION_REPLY(4, 16),
    ECHO_REQUEST(5, 16),
    ECHO_REPLY(6, 20),
    OUTGOING_CALL_REQUEST(7, 168),
    OUTGOING_CALL_REPLY(8, 32),
    INCOMING_CALL_REQUEST(9, 220),
    INCOMING_CALL_REPLY(10, 24),
    INCOMING_CALL_CONNECTED(11, 28),
    CALL_CLEAR_REQUEST(12, 16),
    CALL_DISCONNECT_NOTIFY(13, 148),
    WAN_ERROR_NOTIFY(14, 40),
    SET_LINK_INFO(15, 24);

    /** The longest message this document defines (Incoming-Call-Request). */
    public static final int MAX_LENGTH = 220;
    /** The shortest message this document defines. */
    public static final int MIN_LENGTH = 16;

    private final int code;
    private final int length;

    ControlMessageType(int code, int length) {
        this.code = code;
        this.length = length;
    }

    /** The Control Message Type field. */
    public int code() {
        return code;
    }

    /** The message's total length in octets, PPTP header included. */
    public int length() {
        return length;
    }

    /** The type with this code, if RFC 2637 defines one. */
    public static Optional<ControlMessageType> of(int code) {
        ControlMessageType[] all = values();
        return code >= 1 && code <= all.length ? Optional.of(all[code - 1]) : Optional.empty();
    }
}
