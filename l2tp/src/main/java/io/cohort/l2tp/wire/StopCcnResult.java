package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code values of the StopCCN message (RFC 2661 section 4.4.2). */
public enum StopCcnResult implements CodePoint {
    RESERVED(0, "Reserved"),
    GENERAL_REQUEST_TO_CLEAR(1, "General request to clear control connection"),
    GENERAL_ERROR(2, "General error--Error Code indicates the problem"),
    CHANNEL_EXISTS(3, "Control channel already exists"),
    NOT_AUTHORIZED(4, "Requester is not authorized to establish a control channel"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "The protocol version of the requester is not supported"),
    SHUTTING_DOWN(6, "Requester is being shut down"),
    FSM_ERROR(7, "Finite State Machine error");

    private static final CodeTable<StopCcnResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    StopCcnResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The constant with this code, empty if the RFC defines none. */
    public static Optional<StopCcnResult> of(int code) { return CODES.of(code); }
}
