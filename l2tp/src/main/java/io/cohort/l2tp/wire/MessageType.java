package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Control message types of RFC 2661 section 3.2 (codes 0, 5 and 13 are reserved). */
public enum MessageType implements CodePoint {
    SCCRQ(1, "Start-Control-Connection-Request"),
    SCCRP(2, "Start-Control-Connection-Reply"),
    SCCCN(3, "Start-Control-Connection-Connected"),
    StopCCN(4, "Stop-Control-Connection-Notification"),
    HELLO(6, "Hello"),
    OCRQ(7, "Outgoing-Call-Request"),
    OCRP(8, "Outgoing-Call-Reply"),
    OCCN(9, "Outgoing-Call-Connected"),
    ICRQ(10, "Incoming-Call-Request"),
    ICRP(11, "Incoming-Call-Reply"),
    ICCN(12, "Incoming-Call-Connected"),
    CDN(14, "Call-Disconnect-Notify"),
    WEN(15, "WAN-Error-Notify"),
    SLI(16, "Set-Link-Info");

    private static final CodeTable<MessageType> CODES = new CodeTable<>(values());
    private final Definition definition;

    /** {@code rfcName}: the name RFC 2661 gives the message, its {@link #description()}. */
    MessageType(int code, String rfcName) { definition = new Definition(code, rfcName); }

    /** The value carried in the Message Type AVP, and the message's name in RFC 2661. */
    @Override public Definition definition() { return definition; }

    /** The message type with this code, empty for reserved or unknown codes. */
    public static Optional<MessageType> of(int code) { return CODES.of(code); }

    /** True for messages that concern a session rather than the whole tunnel (section 4.2). */
    public boolean isSessionMessage() {
        return switch (this) {
            case OCRQ, OCRP, OCCN, ICRQ, ICRP, ICCN, CDN, WEN, SLI -> true;
            case SCCRQ, SCCRP, SCCCN, StopCCN, HELLO -> false;
        };
    }
}
