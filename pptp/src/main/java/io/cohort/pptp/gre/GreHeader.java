package io.cohort.pptp.gre;

import java.util.OptionalLong;

/**
 * The enhanced GRE header of RFC 2637 section 4.1, decoded. The fixed bits (C, R, K, s, Recur,
 * Flags, Ver, Protocol Type) are not kept: PPTP allows one value for each, which the codec writes
 * and checks. What remains: the Key's two halves and the optional Sequence and Acknowledgment
 * Numbers, present exactly when the S and A bits are set.
 *
 * <pre>
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * |    Key (HW) Payload Length    |       Key (LW) Call ID        |
 * |                  Sequence Number (Optional)                   |
 * |               Acknowledgment Number (Optional)                |
 * </pre>
 *
 * @param payloadLength octets of PPP payload after the header (0 in an acknowledgment-only packet)
 * @param callId        the receiver's ("peer's") Call ID of the session
 */
public record GreHeader(int payloadLength, int callId, OptionalLong sequenceNumber,
        OptionalLong acknowledgmentNumber) {

    public GreHeader {
        if (payloadLength < 0 || payloadLength > 0xFFFF || callId < 0 || callId > 0xFFFF) {
            throw new IllegalArgumentException("payload length and call ID are 16-bit fields");
        }
        sequenceNumber.ifPresent(n -> u32("sequence number", n));
        acknowledgmentNumber.ifPresent(n -> u32("acknowledgment number", n));
        if (sequenceNumber.isEmpty() && payloadLength != 0) {
            // 4.1: S is set if and only if a payload is present.
            throw new IllegalArgumentException("a payload needs a sequence number");
        }
    }

    /** Octets of this header on the wire. */
    public int encodedLength() {
        return GreCodec.FIXED_LENGTH + (sequenceNumber.isPresent() ? 4 : 0)
                + (acknowledgmentNumber.isPresent() ? 4 : 0);
    }

    private static void u32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " is a 32-bit field: " + value);
        }
    }
}
