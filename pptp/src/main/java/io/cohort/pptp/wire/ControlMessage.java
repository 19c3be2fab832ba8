package io.cohort.pptp.wire;

import static io.cohort.wire.FieldRange.latin1;
import static io.cohort.wire.FieldRange.u16;
import static io.cohort.wire.FieldRange.u32;
import static io.cohort.wire.FieldRange.u8;

import java.util.Optional;

/**
 * The control messages of RFC 2637 section 2, one record each, field for field in the order of
 * the section's layout. The PPTP header (Length, PPTP Message Type, Magic Cookie) and the
 * Reserved fields are not kept: the codec writes them and checks them on decode. Coded fields
 * (result, error, reason) are kept as numbers so that values the RFC does not define still
 * round-trip; the enums ({@link GeneralError}, {@link OutgoingCallResult}, ...) name the defined
 * ones. Fixed-size text fields are Latin-1 strings without their NUL padding.
 */
public sealed interface ControlMessage {
    /** Octets of the Host Name, Vendor String, phone number and Subaddress fields. */
    int TEXT_FIELD_LENGTH = 64;
    /** Octets of the Call Statistics field of a Call-Disconnect-Notify (2.13). */
    int CALL_STATISTICS_LENGTH = 128;
    /** Protocol Version 1, revision 0 (1.4). */
    int PROTOCOL_VERSION = 0x0100;
    /** Framing and bearer capability/type bits (2.1, 2.7). */
    int ASYNC = 1;
    int SYNC = 2;
    int ANALOG = 1;
    int DIGITAL = 2;

    ControlMessageType type();

    /** 2.1 */
    record StartControlConnectionRequest(int protocolVersion, long framingCapabilities, long bearerCapabilities,
            int maximumChannels, int firmwareRevision, String hostName, String vendorString)
            implements ControlMessage {
        public StartControlConnectionRequest {
            u16("protocolVersion", protocolVersion);
            u32("framingCapabilities", framingCapabilities);
            u32("bearerCapabilities", bearerCapabilities);
            u16("maximumChannels", maximumChannels);
            u16("firmwareRevision", firmwareRevision);
            latin1("hostName", hostName, TEXT_FIELD_LENGTH);
            latin1("vendorString", vendorString, TEXT_FIELD_LENGTH);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.START_CONTROL_CONNECTION_REQUEST;
        }
    }

    /** 2.2 */
    record StartControlConnectionReply(int protocolVersion, int resultCode, int errorCode, long framingCapabilities,
            long bearerCapabilities, int maximumChannels, int firmwareRevision, String hostName,
            String vendorString) implements ControlMessage {
        public StartControlConnectionReply {
            u16("protocolVersion", protocolVersion);
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
            u32("framingCapabilities", framingCapabilities);
            u32("bearerCapabilities", bearerCapabilities);
            u16("maximumChannels", maximumChannels);
            u16("firmwareRevision", firmwareRevision);
            latin1("hostName", hostName, TEXT_FIELD_LENGTH);
            latin1("vendorString", vendorString, TEXT_FIELD_LENGTH);
        }

        /** The Result Code, if 2.2 defines it. */
        public Optional<StartControlConnectionResult> result() {
            return StartControlConnectionResult.of(resultCode);
        }

        /** The General Error (2.16), meaningful when the result is General Error. */
        public Optional<GeneralError> generalError() {
            return GeneralError.of(errorCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.START_CONTROL_CONNECTION_REPLY;
        }
    }

    /** 2.3 */
    record StopControlConnectionRequest(int reason) implements ControlMessage {
        public StopControlConnectionRequest {
            u8("reason", reason);
        }

        /** The Reason, if 2.3 defines it. */
        public Optional<StopControlConnectionReason> knownReason() {
            return StopControlConnectionReason.of(reason);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST;
        }
    }

    /** 2.4 */
    record StopControlConnectionReply(int resultCode, int errorCode) implements ControlMessage {
        public StopControlConnectionReply {
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
        }

        /** The Result Code, if 2.4 defines it. */
        public Optional<StopControlConnectionResult> result() {
            return StopControlConnectionResult.of(resultCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.STOP_CONTROL_CONNECTION_REPLY;
        }
    }

    /** 2.5 */
    record EchoRequest(long identifier) implements ControlMessage {
        public EchoRequest {
            u32("identifier", identifier);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.ECHO_REQUEST;
        }
    }

    /** 2.6 */
    record EchoReply(long identifier, int resultCode, int errorCode) implements ControlMessage {
        public EchoReply {
            u32("identifier", identifier);
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
        }

        /** The Result Code, if 2.6 defines it. */
        public Optional<EchoResult> result() {
            return EchoResult.of(resultCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.ECHO_REPLY;
        }
    }

    /** 2.7; {@code phoneNumberLength} is the sender's count of valid digits, kept as sent. */
    record OutgoingCallRequest(int callId, int callSerialNumber, long minimumBps, long maximumBps, long bearerType,
            long framingType, int packetReceiveWindowSize, int packetProcessingDelay, int phoneNumberLength,
            String phoneNumber, String subaddress) implements ControlMessage {
        public OutgoingCallRequest {
            u16("callId", callId);
            u16("callSerialNumber", callSerialNumber);
            u32("minimumBps", minimumBps);
            u32("maximumBps", maximumBps);
            u32("bearerType", bearerType);
            u32("framingType", framingType);
            u16("packetReceiveWindowSize", packetReceiveWindowSize);
            u16("packetProcessingDelay", packetProcessingDelay);
            u16("phoneNumberLength", phoneNumberLength);
            latin1("phoneNumber", phoneNumber, TEXT_FIELD_LENGTH);
            latin1("subaddress", subaddress, TEXT_FIELD_LENGTH);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.OUTGOING_CALL_REQUEST;
        }
    }

    /** 2.8 */
    record OutgoingCallReply(int callId, int peerCallId, int resultCode, int errorCode, int causeCode,
            long connectSpeed, int packetReceiveWindowSize, int packetProcessingDelay, long physicalChannelId)
            implements ControlMessage {
        public OutgoingCallReply {
            u16("callId", callId);
            u16("peerCallId", peerCallId);
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
            u16("causeCode", causeCode);
            u32("connectSpeed", connectSpeed);
            u16("packetReceiveWindowSize", packetReceiveWindowSize);
            u16("packetProcessingDelay", packetProcessingDelay);
            u32("physicalChannelId", physicalChannelId);
        }

        /** The Result Code, if 2.8 defines it. */
        public Optional<OutgoingCallResult> result() {
            return OutgoingCallResult.of(resultCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.OUTGOING_CALL_REPLY;
        }
    }

    /** 2.9 */
    record IncomingCallRequest(int callId, int callSerialNumber, long bearerType, long physicalChannelId,
            int dialedNumberLength, int dialingNumberLength, String dialedNumber, String dialingNumber,
            String subaddress) implements ControlMessage {
        public IncomingCallRequest {
            u16("callId", callId);
            u16("callSerialNumber", callSerialNumber);
            u32("bearerType", bearerType);
            u32("physicalChannelId", physicalChannelId);
            u16("dialedNumberLength", dialedNumberLength);
            u16("dialingNumberLength", dialingNumberLength);
            latin1("dialedNumber", dialedNumber, TEXT_FIELD_LENGTH);
            latin1("dialingNumber", dialingNumber, TEXT_FIELD_LENGTH);
            latin1("subaddress", subaddress, TEXT_FIELD_LENGTH);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.INCOMING_CALL_REQUEST;
        }
    }

    /** 2.10 */
    record IncomingCallReply(int callId, int peerCallId, int resultCode, int errorCode, int packetReceiveWindowSize,
            int packetTransmitDelay) implements ControlMessage {
        public IncomingCallReply {
            u16("callId", callId);
            u16("peerCallId", peerCallId);
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
            u16("packetReceiveWindowSize", packetReceiveWindowSize);
            u16("packetTransmitDelay", packetTransmitDelay);
        }

        /** The Result Code, if 2.10 defines it. */
        public Optional<IncomingCallResult> result() {
            return IncomingCallResult.of(resultCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.INCOMING_CALL_REPLY;
        }
    }

    /** 2.11 */
    record IncomingCallConnected(int peerCallId, long connectSpeed, int packetReceiveWindowSize,
            int packetTransmitDelay, long framingType) implements ControlMessage {
        public IncomingCallConnected {
            u16("peerCallId", peerCallId);
            u32("connectSpeed", connectSpeed);
            u16("packetReceiveWindowSize", packetReceiveWindowSize);
            u16("packetTransmitDelay", packetTransmitDelay);
            u32("framingType", framingType);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.INCOMING_CALL_CONNECTED;
        }
    }

    /** 2.12 */
    record CallClearRequest(int callId) implements ControlMessage {
        public CallClearRequest {
            u16("callId", callId);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.CALL_CLEAR_REQUEST;
        }
    }

    /** 2.13 */
    record CallDisconnectNotify(int callId, int resultCode, int errorCode, int causeCode, String callStatistics)
            implements ControlMessage {
        public CallDisconnectNotify {
            u16("callId", callId);
            u8("resultCode", resultCode);
            u8("errorCode", errorCode);
            u16("causeCode", causeCode);
            latin1("callStatistics", callStatistics, CALL_STATISTICS_LENGTH);
        }

        /** The Result Code, if 2.13 defines it. */
        public Optional<CallDisconnectResult> result() {
            return CallDisconnectResult.of(resultCode);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.CALL_DISCONNECT_NOTIFY;
        }
    }

    /** 2.14: cumulative counters since the call was established. */
    record WanErrorNotify(int peerCallId, long crcErrors, long framingErrors, long hardwareOverruns,
            long bufferOverruns, long timeoutErrors, long alignmentErrors) implements ControlMessage {
        public WanErrorNotify {
            u16("peerCallId", peerCallId);
            u32("crcErrors", crcErrors);
            u32("framingErrors", framingErrors);
            u32("hardwareOverruns", hardwareOverruns);
            u32("bufferOverruns", bufferOverruns);
            u32("timeoutErrors", timeoutErrors);
            u32("alignmentErrors", alignmentErrors);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.WAN_ERROR_NOTIFY;
        }
    }

    /** 2.15 */
    record SetLinkInfo(int peerCallId, long sendAccm, long receiveAccm) implements ControlMessage {
        public SetLinkInfo {
            u16("peerCallId", peerCallId);
            u32("sendAccm", sendAccm);
            u32("receiveAccm", receiveAccm);
        }

        @Override
        public ControlMessageType type() {
            return ControlMessageType.SET_LINK_INFO;
        }
    }
}
