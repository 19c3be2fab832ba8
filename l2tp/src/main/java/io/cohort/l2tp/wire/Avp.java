package io.cohort.l2tp.wire;

import io.cohort.wire.FieldRange;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A decoded Attribute-Value Pair (RFC 2661 section 4): one record per AVP of section 4.4, with
 * typed values, plus {@link UnknownAvp} for anything this implementation does not recognise.
 *
 * <p>The Message Type AVP has no record: it is {@link ControlMessage#type()}. The M and H bits
 * are not part of the value; they travel beside it in {@link FlaggedAvp}. Records that hold
 * octet strings copy them in and out and compare them by content.
 */
public sealed interface Avp {

    /** The Vendor ID field: 0 for every AVP of RFC 2661. */
    int vendorId();

    /** The Attribute Type field. */
    int attributeType();

    /** An AVP defined by RFC 2661 (vendor ID 0), which knows its {@link AvpType}. */
    sealed interface Standard extends Avp {
        AvpType type();

        @Override
        default int vendorId() {
            return AvpType.IETF_VENDOR_ID;
        }

        @Override
        default int attributeType() {
            return type().code();
        }
    }

    /**
     * An AVP this implementation does not recognise: a vendor-specific one, an IETF attribute not
     * in RFC 2661, or one with reserved header bits set (4.1). Only those without the M-bit can
     * reach a decoded message; an unknown AVP with the M-bit set is a decode error (4.2).
     */
    record UnknownAvp(int vendorId, int type, boolean mandatory, byte[] value) implements Avp {
        public UnknownAvp {
            FieldRange.u16("vendorId", vendorId);
            FieldRange.u16("type", type);
            value = value.clone();
        }

        @Override
        public int attributeType() {
            return type;
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UnknownAvp x && vendorId == x.vendorId && type == x.type
                    && mandatory == x.mandatory && Arrays.equals(value, x.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(vendorId, type, mandatory, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "UnknownAvp[vendorId=" + vendorId + ", type=" + type + ", mandatory=" + mandatory
                    + ", " + value.length + " octets]";
        }

        byte[] raw() {
            return value;
        }
    }

    /** Why a tunnel or session is being cleared (4.4.2); an error message requires an error code. */
    record ResultCode(int result, OptionalInt error, String message) implements Standard {
        public ResultCode {
            FieldRange.u16("result", result);
            Objects.requireNonNull(error, "error");
            message = message == null ? "" : message;
            if (error.isPresent()) { FieldRange.u16("error", error.getAsInt()); }
            if (error.isEmpty() && !message.isEmpty()) { throw new IllegalArgumentException("an error message needs an error code"); }
        }

        @Override
        public AvpType type() {
            return AvpType.RESULT_CODE;
        }
    }

    /** The sender's L2TP protocol version, 1.0 for RFC 2661 (4.4.3). */
    record ProtocolVersion(int version, int revision) implements Standard {
        public ProtocolVersion {
            FieldRange.u8("version", version);
            FieldRange.u8("revision", revision);
        }

        @Override
        public AvpType type() {
            return AvpType.PROTOCOL_VERSION;
        }
    }

    /** The framing types the sender accepts (4.4.3). */
    record FramingCapabilities(boolean sync, boolean async) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.FRAMING_CAPABILITIES;
        }
    }

    /** The bearer types the sender can place outgoing calls on (4.4.3). */
    record BearerCapabilities(boolean digital, boolean analog) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.BEARER_CAPABILITIES;
        }
    }

    /** The 64-bit value that picks one tunnel when both ends open one; lower wins (4.4.3). */
    record TieBreaker(long value) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.TIE_BREAKER;
        }
    }

    /** The sender's firmware revision (4.4.3). */
    record FirmwareRevision(int revision) implements Standard {
        public FirmwareRevision {
            FieldRange.u16("revision", revision);
        }

        @Override
        public AvpType type() {
            return AvpType.FIRMWARE_REVISION;
        }
    }

    /** The sender's name, at least one octet (4.4.3). */
    record HostName(String name) implements Standard {
        public HostName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public AvpType type() {
            return AvpType.HOST_NAME;
        }
    }

    /** A vendor-specific description of the sender (4.4.3). */
    record VendorName(String name) implements Standard {
        public VendorName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public AvpType type() {
            return AvpType.VENDOR_NAME;
        }
    }

    /** The tunnel ID the sender wants to receive in the header of this tunnel's messages (4.4.3). */
    record AssignedTunnelId(int id) implements Standard {
        public AssignedTunnelId {
            FieldRange.u16("id", id);
        }

        @Override
        public AvpType type() {
            return AvpType.ASSIGNED_TUNNEL_ID;
        }
    }

    /** How many unacknowledged control messages the sender can buffer (4.4.3, 5.8). */
    record ReceiveWindowSize(int size) implements Standard {
        public ReceiveWindowSize {
            FieldRange.u16("size", size);
        }

        @Override
        public AvpType type() {
            return AvpType.RECEIVE_WINDOW_SIZE;
        }
    }

    /** The Q.931 cause of an unsolicited disconnect, with optional advisory text (4.4.4). */
    record Q931CauseCode(int causeCode, int causeMessage, String advisory) implements Standard {
        public Q931CauseCode {
            FieldRange.u16("causeCode", causeCode);
            FieldRange.u8("causeMessage", causeMessage);
            advisory = advisory == null ? "" : advisory;
        }

        @Override
        public AvpType type() {
            return AvpType.Q931_CAUSE_CODE;
        }
    }

    /** The session ID the sender wants to receive in the header of this session's messages (4.4.4). */
    record AssignedSessionId(int id) implements Standard {
        public AssignedSessionId {
            FieldRange.u16("id", id);
        }

        @Override
        public AvpType type() {
            return AvpType.ASSIGNED_SESSION_ID;
        }
    }

    /** An identifier of the call shared by LAC and LNS for administration (4.4.4). */
    record CallSerialNumber(long serial) implements Standard {
        public CallSerialNumber {
            FieldRange.u32("serial", serial);
        }

        @Override
        public AvpType type() {
            return AvpType.CALL_SERIAL_NUMBER;
        }
    }

    /** The lowest acceptable line speed for an outgoing call (4.4.4). */
    record MinimumBps(long bps) implements Standard {
        public MinimumBps {
            FieldRange.u32("bps", bps);
        }

        @Override
        public AvpType type() {
            return AvpType.MINIMUM_BPS;
        }
    }

    /** The highest acceptable line speed for an outgoing call (4.4.4). */
    record MaximumBps(long bps) implements Standard {
        public MaximumBps {
            FieldRange.u32("bps", bps);
        }

        @Override
        public AvpType type() {
            return AvpType.MAXIMUM_BPS;
        }
    }

    /** The bearer of a call (4.4.4). */
    record BearerType(boolean digital, boolean analog) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.BEARER_TYPE;
        }
    }

    /** The framing of a call (4.4.4). */
    record FramingType(boolean sync, boolean async) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.FRAMING_TYPE;
        }
    }

    /** The number that was dialled (4.4.4). */
    record CalledNumber(String number) implements Standard {
        public CalledNumber {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public AvpType type() {
            return AvpType.CALLED_NUMBER;
        }
    }

    /** The number the call came from (4.4.4). */
    record CallingNumber(String number) implements Standard {
        public CallingNumber {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public AvpType type() {
            return AvpType.CALLING_NUMBER;
        }
    }

    /** Additional dialling information (4.4.4). */
    record SubAddress(String address) implements Standard {
        public SubAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public AvpType type() {
            return AvpType.SUB_ADDRESS;
        }
    }

    /** The speed of the call towards the PPP peer (4.4.4). */
    record TxConnectSpeed(long bps) implements Standard {
        public TxConnectSpeed {
            FieldRange.u32("bps", bps);
        }

        @Override
        public AvpType type() {
            return AvpType.TX_CONNECT_SPEED;
        }
    }

    /** The speed of the call from the PPP peer (4.4.4). */
    record RxConnectSpeed(long bps) implements Standard {
        public RxConnectSpeed {
            FieldRange.u32("bps", bps);
        }

        @Override
        public AvpType type() {
            return AvpType.RX_CONNECT_SPEED;
        }
    }

    /** The vendor-specific physical channel of the call (4.4.4). */
    record PhysicalChannelId(long id) implements Standard {
        public PhysicalChannelId {
            FieldRange.u32("id", id);
        }

        @Override
        public AvpType type() {
            return AvpType.PHYSICAL_CHANNEL_ID;
        }
    }

    /** The proxy authentication method, see {@link ProxyAuthenKind} (4.4.5). */
    record ProxyAuthenType(int authenType) implements Standard {
        public ProxyAuthenType {
            FieldRange.u16("authenType", authenType);
        }

        /** The method as an enum, empty for values RFC 2661 does not define. */
        public Optional<ProxyAuthenKind> kind() {
            return ProxyAuthenKind.of(authenType);
        }

        @Override
        public AvpType type() {
            return AvpType.PROXY_AUTHEN_TYPE;
        }
    }

    /** The name the PPP peer authenticated as (4.4.5). */
    record ProxyAuthenName(String name) implements Standard {
        public ProxyAuthenName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public AvpType type() {
            return AvpType.PROXY_AUTHEN_NAME;
        }
    }

    /** The PPP authentication identifier, one octet (4.4.5). */
    record ProxyAuthenId(int id) implements Standard {
        public ProxyAuthenId {
            FieldRange.u8("id", id);
        }

        @Override
        public AvpType type() {
            return AvpType.PROXY_AUTHEN_ID;
        }
    }

    /** The LAC's error counts for a call since it was established (4.4.6). */
    record CallErrors(long crcErrors, long framingErrors, long hardwareOverruns, long bufferOverruns, long timeoutErrors, long alignmentErrors) implements Standard {
        public CallErrors {
            FieldRange.u32("crcErrors", crcErrors);
            FieldRange.u32("framingErrors", framingErrors);
            FieldRange.u32("hardwareOverruns", hardwareOverruns);
            FieldRange.u32("bufferOverruns", bufferOverruns);
            FieldRange.u32("timeoutErrors", timeoutErrors);
            FieldRange.u32("alignmentErrors", alignmentErrors);
        }

        @Override
        public AvpType type() {
            return AvpType.CALL_ERRORS;
        }
    }

    /** The async control character maps the LNS negotiated with the PPP peer (4.4.6). */
    record Accm(int send, int receive) implements Standard {
        @Override
        public AvpType type() {
            return AvpType.ACCM;
        }
    }

    /** Asks the peer to send data messages with sequence numbers (4.4.6). */
    record SequencingRequired() implements Standard {
        @Override
        public AvpType type() {
            return AvpType.SEQUENCING_REQUIRED;
        }
    }

    /** The tunnel authentication challenge of section 5.1.1 (4.4.3). Holds a private copy of the octets. */
    record Challenge(byte[] value) implements Standard {
        public Challenge { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.CHALLENGE; }
        @Override public boolean equals(Object o) { return o instanceof Challenge x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "Challenge[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The 16-octet CHAP-style response to a Challenge (4.4.3). Holds a private copy of the octets. */
    record ChallengeResponse(byte[] value) implements Standard {
        public ChallengeResponse { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.CHALLENGE_RESPONSE; }
        @Override public boolean equals(Object o) { return o instanceof ChallengeResponse x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "ChallengeResponse[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The random vector used to hide the AVPs that follow it (4.3, 4.4.1). Holds a private copy of the octets. */
    record RandomVector(byte[] value) implements Standard {
        public RandomVector { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.RANDOM_VECTOR; }
        @Override public boolean equals(Object o) { return o instanceof RandomVector x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "RandomVector[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The first LCP CONFREQ the LAC received from the PPP peer (4.4.5). Holds a private copy of the octets. */
    record InitialReceivedLcpConfReq(byte[] value) implements Standard {
        public InitialReceivedLcpConfReq { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.INITIAL_RECEIVED_LCP_CONFREQ; }
        @Override public boolean equals(Object o) { return o instanceof InitialReceivedLcpConfReq x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "InitialReceivedLcpConfReq[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The last LCP CONFREQ the LAC sent to the PPP peer (4.4.5). Holds a private copy of the octets. */
    record LastSentLcpConfReq(byte[] value) implements Standard {
        public LastSentLcpConfReq { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.LAST_SENT_LCP_CONFREQ; }
        @Override public boolean equals(Object o) { return o instanceof LastSentLcpConfReq x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "LastSentLcpConfReq[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The last LCP CONFREQ the LAC received from the PPP peer (4.4.5). Holds a private copy of the octets. */
    record LastReceivedLcpConfReq(byte[] value) implements Standard {
        public LastReceivedLcpConfReq { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.LAST_RECEIVED_LCP_CONFREQ; }
        @Override public boolean equals(Object o) { return o instanceof LastReceivedLcpConfReq x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "LastReceivedLcpConfReq[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The challenge the LAC sent to the PPP peer in proxy authentication (4.4.5). Holds a private copy of the octets. */
    record ProxyAuthenChallenge(byte[] value) implements Standard {
        public ProxyAuthenChallenge { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.PROXY_AUTHEN_CHALLENGE; }
        @Override public boolean equals(Object o) { return o instanceof ProxyAuthenChallenge x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "ProxyAuthenChallenge[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The PPP peer's response, possibly a cleartext password: never printed (4.4.5). Holds a private copy of the octets. */
    record ProxyAuthenResponse(byte[] value) implements Standard {
        public ProxyAuthenResponse { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.PROXY_AUTHEN_RESPONSE; }
        @Override public boolean equals(Object o) { return o instanceof ProxyAuthenResponse x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "ProxyAuthenResponse[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }

    /** The customer group the call belongs to (4.4.5). Holds a private copy of the octets. */
    record PrivateGroupId(byte[] value) implements Standard {
        public PrivateGroupId { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public AvpType type() { return AvpType.PRIVATE_GROUP_ID; }
        @Override public boolean equals(Object o) { return o instanceof PrivateGroupId x && Arrays.equals(value, x.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "PrivateGroupId[" + value.length + " octets]"; }
        int length() { return value.length; }
        byte[] raw() { return value; }
    }
}
