package io.cohort.pptp.state;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** The Record Kind octet of Cohort's PPTP state format ({@link PptpStateCodec}, figure 7). */
public enum PptpStateKind implements CodePoint {
    CONTROL_CONNECTION_INITIAL(1, "ControlConnectionInitialState: the peer's Start-Control-Connection-Request"),
    CALL_INITIAL(2, "PptpCall: a call's set-up values"),
    CONTROL_CONNECTION_ESSENTIAL(3, "ControlConnectionEssentialState with each call's essential state"),
    GRE_CHANNEL_INITIAL(4, "GreChannelInitialState"),
    GRE_CHANNEL_ESSENTIAL(5, "GreChannelEssentialState: sequence numbers, transmit window, RTT estimate");

    private static final CodeTable<PptpStateKind> CODES = new CodeTable<>(values());
    private final Definition definition;

    PptpStateKind(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The kind with this code, if the format defines one. */
    public static Optional<PptpStateKind> of(int code) { return CODES.of(code); }
}
