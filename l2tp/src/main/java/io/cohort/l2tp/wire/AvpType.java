package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/**
 * The IETF AVPs of RFC 2661 section 4.4 (vendor ID 0). Attribute 20 is unassigned.
 *
 * <p>Each constant records what the RFC says about the AVP: whether it may be hidden (4.3), the
 * value the M-bit MUST carry when sent, and the legal length of the (unhidden) attribute value.
 */
public enum AvpType implements CodePoint {
    MESSAGE_TYPE(0, "Message Type", false, true, 2, 2),
    RESULT_CODE(1, "Result Code", false, true, 2, MaxLength.VALUE),
    PROTOCOL_VERSION(2, "Protocol Version", false, true, 2, 2),
    FRAMING_CAPABILITIES(3, "Framing Capabilities", true, true, 4, 4),
    BEARER_CAPABILITIES(4, "Bearer Capabilities", true, true, 4, 4),
    TIE_BREAKER(5, "Tie Breaker", false, false, 8, 8),
    FIRMWARE_REVISION(6, "Firmware Revision", true, false, 2, 2),
    HOST_NAME(7, "Host Name", false, true, 1, MaxLength.VALUE),
    VENDOR_NAME(8, "Vendor Name", true, false, 0, MaxLength.VALUE),
    ASSIGNED_TUNNEL_ID(9, "Assigned Tunnel ID", true, true, 2, 2),
    RECEIVE_WINDOW_SIZE(10, "Receive Window Size", false, true, 2, 2),
    CHALLENGE(11, "Challenge", true, true, 1, MaxLength.VALUE),
    Q931_CAUSE_CODE(12, "Q.931 Cause Code", false, true, 3, MaxLength.VALUE),
    CHALLENGE_RESPONSE(13, "Challenge Response", true, true, 16, 16),
    ASSIGNED_SESSION_ID(14, "Assigned Session ID", true, true, 2, 2),
    CALL_SERIAL_NUMBER(15, "Call Serial Number", true, true, 4, 4),
    MINIMUM_BPS(16, "Minimum BPS", true, true, 4, 4),
    MAXIMUM_BPS(17, "Maximum BPS", true, true, 4, 4),
    BEARER_TYPE(18, "Bearer Type", true, true, 4, 4),
    FRAMING_TYPE(19, "Framing Type", true, true, 4, 4),
    CALLED_NUMBER(21, "Called Number", true, true, 0, MaxLength.VALUE),
    CALLING_NUMBER(22, "Calling Number", true, true, 0, MaxLength.VALUE),
    SUB_ADDRESS(23, "Sub-Address", true, true, 0, MaxLength.VALUE),
    TX_CONNECT_SPEED(24, "(Tx) Connect Speed", true, true, 4, 4),
    PHYSICAL_CHANNEL_ID(25, "Physical Channel ID", true, false, 4, 4),
    INITIAL_RECEIVED_LCP_CONFREQ(26, "Initial Received LCP CONFREQ", true, false, 0, MaxLength.VALUE),
    LAST_SENT_LCP_CONFREQ(27, "Last Sent LCP CONFREQ", true, false, 0, MaxLength.VALUE),
    LAST_RECEIVED_LCP_CONFREQ(28, "Last Received LCP CONFREQ", true, false, 0, MaxLength.VALUE),
    PROXY_AUTHEN_TYPE(29, "Proxy Authen Type", true, false, 2, 2),
    PROXY_AUTHEN_NAME(30, "Proxy Authen Name", true, false, 0, MaxLength.VALUE),
    PROXY_AUTHEN_CHALLENGE(31, "Proxy Authen Challenge", true, false, 0, MaxLength.VALUE),
    PROXY_AUTHEN_ID(32, "Proxy Authen ID", true, false, 2, 2),
    PROXY_AUTHEN_RESPONSE(33, "Proxy Authen Response", true, false, 0, MaxLength.VALUE),
    CALL_ERRORS(34, "Call Errors", true, true, 26, 26),
    ACCM(35, "ACCM", true, true, 10, 10),
    RANDOM_VECTOR(36, "Random Vector", false, true, 0, MaxLength.VALUE),
    PRIVATE_GROUP_ID(37, "Private Group ID", true, false, 0, MaxLength.VALUE),
    RX_CONNECT_SPEED(38, "Rx Connect Speed", true, false, 4, 4),
    SEQUENCING_REQUIRED(39, "Sequencing Required", false, true, 0, 0);

    /** Vendor ID of every AVP defined by RFC 2661. */
    public static final int IETF_VENDOR_ID = 0;

    private static final CodeTable<AvpType> CODES = new CodeTable<>(values());

    private final Definition definition;
    private final boolean mayBeHidden;
    private final boolean mandatory;
    private final int minValueLength;
    private final int maxValueLength;

    /** {@code rfcName}: the AVP's name as RFC 2661 section 4.4 spells it, its {@link #description()}. */
    AvpType(int code, String rfcName, boolean mayBeHidden, boolean mandatory, int minValueLength,
            int maxValueLength) {
        this.definition = new Definition(code, rfcName);
        this.mayBeHidden = mayBeHidden;
        this.mandatory = mandatory;
        this.minValueLength = minValueLength;
        this.maxValueLength = maxValueLength;
    }

    /** The Attribute Type number and the AVP's name. */
    @Override
    public Definition definition() {
        return definition;
    }

    /** Whether the RFC allows the H-bit on this AVP. */
    public boolean mayBeHidden() {
        return mayBeHidden;
    }

    /** The value the RFC says the M-bit MUST have when this AVP is sent. */
    public boolean mandatory() {
        return mandatory;
    }

    /** Smallest legal length of the attribute value, in octets, before hiding. */
    public int minValueLength() {
        return minValueLength;
    }

    /** Largest legal length of the attribute value, in octets, before hiding. */
    public int maxValueLength() {
        return maxValueLength;
    }

    /** The IETF AVP with this attribute type, empty if it is not defined by RFC 2661. */
    public static Optional<AvpType> of(int code) {
        return CODES.of(code);
    }

    /** AVP length limits of section 4.1: a 10-bit length field including the 6-octet header. */
    static final class MaxLength {
        static final int AVP = 1023;
        static final int VALUE = AVP - 6;

        private MaxLength() {}
    }
}
