package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/**
 * The Control Message Types of RFC 2637 section 1.4, with their names and the fixed total length
 * (header included) that the layouts of section 2 give each of them.
 */
public enum ControlMessageType implements CodePoint {
    START_CONTROL_CONNECTION_REQUEST(1, "Start-Control-Connection-Request", 156),
    START_CONTROL_CONNECTION_REPLY(2, "Start-Control-Connection-Reply", 156),
    STOP_CONTROL_CONNECTION_REQUEST(3, "Stop-Control-Connection-Request", 16),
    STOP_CONTROL_CONNECTION_REPLY(4, "Stop-Control-Connection-Reply", 16),
    ECHO_REQUEST(5, "Echo-Request", 16),
    ECHO_REPLY(6, "Echo-Reply", 20),
    OUTGOING_CALL_REQUEST(7, "Outgoing-Call-Request", 168),
    OUTGOING_CALL_REPLY(8, "Outgoing-Call-Reply", 32),
    INCOMING_CALL_REQUEST(9, "Incoming-Call-Request", 220),
    INCOMING_CALL_REPLY(10, "Incoming-Call-Reply", 24),
    INCOMING_CALL_CONNECTED(11, "Incoming-Call-Connected", 28),
    CALL_CLEAR_REQUEST(12, "Call-Clear-Request", 16),
    CALL_DISCONNECT_NOTIFY(13, "Call-Disconnect-Notify", 148),
    WAN_ERROR_NOTIFY(14, "WAN-Error-Notify", 40),
    SET_LINK_INFO(15, "Set-Link-Info", 24);

    /** The longest message this document defines (Incoming-Call-Request). */
    public static final int MAX_LENGTH = 220;
    /** The shortest message this document defines. */
    public static final int MIN_LENGTH = 16;

    private static final CodeTable<ControlMessageType> CODES = new CodeTable<>(values());
    private final Definition definition;
    private final int length;

    ControlMessageType(int code, String rfcName, int length) {
        this.definition = new Definition(code, rfcName);
        this.length = length;
    }

    /** The Control Message Type field and the message's name in RFC 2637. */
    @Override
    public Definition definition() {
        return definition;
    }

    /** The message's total length in octets, PPTP header included. */
    public int length() {
        return length;
    }

    /** The type with this code, if RFC 2637 defines one. */
    public static Optional<ControlMessageType> of(int code) {
        return CODES.of(code);
    }
}
