package io.cohort.pptp.state;

import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.PptpCallEssentialState;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The wire encoding of PPTP's replicated state records (the patent's figure 7: initial state sent
 * once, essential state sent on each change or lazily). One record per octet string, network
 * byte order, fields in the order below. PPTP's state holds no keys (MPPE's are the PPP layer's).
 *
 * <pre>
 * Every record:
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+----
 * | Version (1)   |  Record Kind  | body ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+----
 *
 * Common field shapes:
 *   uN       N-bit unsigned, big-endian
 *   flag     u8, 0 or 1 (a boolean, or whether an optional field follows)
 *   text     u16 length, then that many octets of UTF-8; the characters must be the NUL-free
 *            Latin-1 of at most 64 characters of RFC 2637's text fields (2.1)
 *   duration u64 seconds (below 2^63), u32 nanoseconds (below 10^9): exact for any
 *            non-negative java.time.Duration
 *
 * Kind 1, ControlConnectionInitialState (the peer's Start-Control-Connection-Request, 2.1):
 *   u16 Protocol Version | u32 Framing Capabilities | u32 Bearer Capabilities |
 *   u16 Maximum Channels | u16 Firmware Revision | text Host Name | text Vendor String
 *
 * Kind 2, PptpCall (a call's initial state; 2.7, 2.8):
 *   u16 Call ID | u16 Peer's Call ID | u16 Peer's Packet Recv. Window Size |
 *   duration Peer's Packet Processing Delay | u16 our Packet Recv. Window Size |
 *   u16 Call Serial Number | u32 Connect Speed
 *
 * Kind 3, ControlConnectionEssentialState (3.1.2, 3.1.4):
 *   u8 State (1 ESTABLISHED, 2 WAIT_STOP_REPLY) | u32 Echo Identifier (2.5) |
 *   flag Echo Outstanding | u32 Call Count (at most 65536) | Call Count times:
 *     u16 Call ID |
 *     flag Set-Link-Info present, then  u16 Peer's Call ID | u32 Send ACCM | u32 Receive ACCM (2.15) |
 *     flag WAN-Error-Notify present, then  u16 Peer's Call ID | u32 CRC Errors | u32 Framing Errors |
 *          u32 Hardware Overruns | u32 Buffer Overruns | u32 Time-out Errors | u32 Alignment Errors (2.14)
 *   Call IDs are distinct; a WAIT_STOP_REPLY connection has no calls, Echo Identifier 0 and none
 *   outstanding; an outstanding Echo has an identifier other than 0.
 *
 * Kind 4, GreChannelInitialState (4.1, 4.2, 4.4):
 *   u16 Peer's Call ID | u16 Peer's Packet Recv. Window Size (0: no flow control) |
 *   duration Peer's Packet Processing Delay | u16 our Packet Recv. Window Size (at least 1)
 *
 * Kind 5, GreChannelEssentialState (4.1, 4.2.1 to 4.2.3, 4.4.1):
 *   u32 Next Sequence Number | flag Last Received present, then u32 Last Received |
 *   u16 Transmit Window (1 to 1024) | duration RTT | duration RTT Deviation
 * </pre>
 *
 * <p>Decoding takes the buffer's remaining octets as exactly one record (trailing octets are an
 * error) and leaves the caller's buffer as it was. It checks every length, range, code and
 * invariant before it builds a record, so it never throws: any other input is a
 * {@link DecodeResult.Malformed} whose detail names the field, not its contents.
 */
public final class PptpStateCodec {
    /** The Format Version octet this codec writes and reads. */
    public static final int VERSION = 1;
    private static final int ESTABLISHED = 1;
    private static final int WAIT_STOP_REPLY = 2;
    private static final int MAX_CALLS = 0x1_0000;

    private PptpStateCodec() {}

    public static byte[] encode(ControlConnectionInitialState state) {
        ControlMessage.StartControlConnectionRequest sccrq = state.peerStart();
        return header(PptpStateKind.CONTROL_CONNECTION_INITIAL)
                .u16("protocolVersion", sccrq.protocolVersion())
                .u32("framingCapabilities", sccrq.framingCapabilities())
                .u32("bearerCapabilities", sccrq.bearerCapabilities())
                .u16("maximumChannels", sccrq.maximumChannels())
                .u16("firmwareRevision", sccrq.firmwareRevision())
                .text("hostName", sccrq.hostName())
                .text("vendorString", sccrq.vendorString())
                .toByteArray();
    }

    /** @throws IllegalArgumentException if a field is outside its wire range (the record itself does not check them) */
    public static byte[] encode(PptpCall call) {
        return header(PptpStateKind.CALL_INITIAL)
                .u16("callId", call.callId())
                .u16("peerCallId", call.peerCallId())
                .u16("peerReceiveWindow", call.peerReceiveWindow())
                .duration("peerProcessingDelay", call.peerProcessingDelay())
                .u16("receiveWindow", call.receiveWindow())
                .u16("callSerialNumber", call.callSerialNumber())
                .u32("connectSpeed", call.connectSpeed())
                .toByteArray();
    }

    public static byte[] encode(ControlConnectionEssentialState state) {
        StateWriter w = header(PptpStateKind.CONTROL_CONNECTION_ESSENTIAL)
                .u8("state", state.state() == ControlState.ESTABLISHED ? ESTABLISHED : WAIT_STOP_REPLY)
                .u32("echoIdentifier", state.echoIdentifier())
                .flag(state.echoOutstanding())
                .u32("callCount", state.calls().size());
        for (PptpCallEssentialState call : state.calls()) {
            w.u16("callId", call.callId()).flag(call.linkInfo().isPresent());
            call.linkInfo().ifPresent(sli -> w.u16("peerCallId", sli.peerCallId())
                    .u32("sendAccm", sli.sendAccm())
                    .u32("receiveAccm", sli.receiveAccm()));
            w.flag(call.wanErrors().isPresent());
            call.wanErrors().ifPresent(wen -> w.u16("peerCallId", wen.peerCallId())
                    .u32("crcErrors", wen.crcErrors())
                    .u32("framingErrors", wen.framingErrors())
                    .u32("hardwareOverruns", wen.hardwareOverruns())
                    .u32("bufferOverruns", wen.bufferOverruns())
                    .u32("timeoutErrors", wen.timeoutErrors())
                    .u32("alignmentErrors", wen.alignmentErrors()));
        }
        return w.toByteArray();
    }

    public static byte[] encode(GreChannelInitialState state) {
        return header(PptpStateKind.GRE_CHANNEL_INITIAL)
                .u16("peerCallId", state.peerCallId())
                .u16("peerReceiveWindow", state.peerReceiveWindow())
                .duration("peerPacketProcessingDelay", state.peerPacketProcessingDelay())
                .u16("ourReceiveWindow", state.ourReceiveWindow())
                .toByteArray();
    }

    public static byte[] encode(GreChannelEssentialState state) {
        StateWriter w = header(PptpStateKind.GRE_CHANNEL_ESSENTIAL)
                .u32("nextSequence", state.sequence().nextSequence())
                .flag(state.sequence().lastReceived().isPresent());
        state.sequence().lastReceived().ifPresent(last -> w.u32("lastReceived", last));
        return w.u16("transmitWindow", state.transmitWindow())
                .duration("roundTripTime", state.roundTripTime())
                .duration("roundTripDeviation", state.roundTripDeviation())
                .toByteArray();
    }

    /**
     * The record in {@code in}'s remaining octets, of whichever kind it is: a
     * {@link ControlConnectionInitialState}, {@link PptpCall}, {@link ControlConnectionEssentialState},
     * {@link GreChannelInitialState} or {@link GreChannelEssentialState}.
     */
    public static DecodeResult<Record, PptpStateDecodeError> decode(ByteBuffer in) {
        StateReader r = new StateReader(in.duplicate());
        try {
            int version = r.u8("version");
            if (version != VERSION) {
                throw new StateReader.Fault(PptpStateDecodeError.UNSUPPORTED_VERSION, "format version " + version);
            }
            int code = r.u8("kind");
            PptpStateKind kind = PptpStateKind.of(code).orElseThrow(
                    () -> new StateReader.Fault(PptpStateDecodeError.UNKNOWN_KIND, "record kind " + code));
            Record value = switch (kind) {
                case CONTROL_CONNECTION_INITIAL -> controlConnectionInitial(r);
                case CALL_INITIAL -> call(r);
                case CONTROL_CONNECTION_ESSENTIAL -> controlConnectionEssential(r);
                case GRE_CHANNEL_INITIAL -> greChannelInitial(r);
                case GRE_CHANNEL_ESSENTIAL -> greChannelEssential(r);
            };
            r.end();
            return new DecodeResult.Decoded<>(value);
        } catch (StateReader.Fault f) {
            return new DecodeResult.Malformed<>(f.error, f.getMessage());
        }
    }

    /** The record in {@code in}'s remaining octets if it is of the {@code expected} kind; else {@link PptpStateDecodeError#UNEXPECTED_KIND}. */
    public static <T extends Record> DecodeResult<T, PptpStateDecodeError> decode(ByteBuffer in, Class<T> expected) {
        return switch (decode(in)) {
            case DecodeResult.Decoded<Record, PptpStateDecodeError>(Record value) when expected.isInstance(value) ->
                    new DecodeResult.Decoded<>(expected.cast(value));
            case DecodeResult.Decoded<Record, PptpStateDecodeError> d -> new DecodeResult.Malformed<>(
                    PptpStateDecodeError.UNEXPECTED_KIND, "a " + d.value().getClass().getSimpleName()
                            + ", not a " + expected.getSimpleName());
            case DecodeResult.Malformed<Record, PptpStateDecodeError>(PptpStateDecodeError error, String detail) ->
                    new DecodeResult.Malformed<>(error, detail);
        };
    }

    private static StateWriter header(PptpStateKind kind) {
        return new StateWriter().u8("version", VERSION).u8("kind", kind.code());
    }

    private static ControlConnectionInitialState controlConnectionInitial(StateReader r) throws StateReader.Fault {
        int protocolVersion = r.u16("protocolVersion");
        long framing = r.u32("framingCapabilities");
        long bearer = r.u32("bearerCapabilities");
        int maximumChannels = r.u16("maximumChannels");
        int firmwareRevision = r.u16("firmwareRevision");
        String hostName = textField(r, "hostName");
        String vendor = textField(r, "vendorString");
        return new ControlConnectionInitialState(new ControlMessage.StartControlConnectionRequest(protocolVersion,
                framing, bearer, maximumChannels, firmwareRevision, hostName, vendor));
    }

    /** RFC 2637's 64-octet text fields hold NUL-free Latin-1 (see {@link io.cohort.wire.FieldRange#latin1}). */
    private static String textField(StateReader r, String field) throws StateReader.Fault {
        String value = r.text(field);
        boolean latin1 = value.length() <= ControlMessage.TEXT_FIELD_LENGTH
                && value.chars().allMatch(c -> c != 0 && c <= 0xFF);
        if (!latin1) {
            throw new StateReader.Fault(PptpStateDecodeError.BAD_TEXT, field + " is not NUL-free Latin-1 of at most "
                    + ControlMessage.TEXT_FIELD_LENGTH + " characters");
        }
        return value;
    }

    private static PptpCall call(StateReader r) throws StateReader.Fault {
        int callId = r.u16("callId");
        int peerCallId = r.u16("peerCallId");
        int peerReceiveWindow = r.u16("peerReceiveWindow");
        Duration delay = r.duration("peerProcessingDelay");
        int receiveWindow = r.u16("receiveWindow");
        int serial = r.u16("callSerialNumber");
        long connectSpeed = r.u32("connectSpeed");
        return new PptpCall(callId, peerCallId, peerReceiveWindow, delay, receiveWindow, serial, connectSpeed);
    }

    private static ControlConnectionEssentialState controlConnectionEssential(StateReader r) throws StateReader.Fault {
        int stateCode = r.u8("state");
        ControlState state = switch (stateCode) {
            case ESTABLISHED -> ControlState.ESTABLISHED;
            case WAIT_STOP_REPLY -> ControlState.WAIT_STOP_REPLY;
            default -> throw new StateReader.Fault(PptpStateDecodeError.BAD_VALUE, "control state " + stateCode);
        };
        long echoIdentifier = r.u32("echoIdentifier");
        boolean echoOutstanding = r.flag("echoOutstanding");
        long count = r.u32("callCount");
        if (count > MAX_CALLS) {
            throw new StateReader.Fault(PptpStateDecodeError.BAD_VALUE, "call count " + count + " above " + MAX_CALLS);
        }
        if (echoOutstanding && echoIdentifier == 0) {
            throw new StateReader.Fault(PptpStateDecodeError.INCONSISTENT, "an outstanding Echo-Request with identifier 0");
        }
        if (state == ControlState.WAIT_STOP_REPLY && (count != 0 || echoIdentifier != 0 || echoOutstanding)) {
            throw new StateReader.Fault(PptpStateDecodeError.INCONSISTENT,
                    "a stopping connection with calls or an Echo identifier (2.3, 3.1.4)");
        }
        List<PptpCallEssentialState> calls = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (long i = 0; i < count; i++) {
            PptpCallEssentialState call = callEssential(r);
            if (!ids.add(call.callId())) {
                throw new StateReader.Fault(PptpStateDecodeError.INCONSISTENT, "call " + i + " repeats a Call ID");
            }
            calls.add(call);
        }
        return new ControlConnectionEssentialState(state, echoIdentifier, echoOutstanding, calls);
    }

    private static PptpCallEssentialState callEssential(StateReader r) throws StateReader.Fault {
        int callId = r.u16("callId");
        Optional<ControlMessage.SetLinkInfo> linkInfo = r.flag("linkInfo present")
                ? Optional.of(new ControlMessage.SetLinkInfo(r.u16("peerCallId"), r.u32("sendAccm"), r.u32("receiveAccm")))
                : Optional.empty();
        Optional<ControlMessage.WanErrorNotify> wanErrors = r.flag("wanErrors present")
                ? Optional.of(new ControlMessage.WanErrorNotify(r.u16("peerCallId"), r.u32("crcErrors"),
                        r.u32("framingErrors"), r.u32("hardwareOverruns"), r.u32("bufferOverruns"),
                        r.u32("timeoutErrors"), r.u32("alignmentErrors")))
                : Optional.empty();
        return new PptpCallEssentialState(callId, linkInfo, wanErrors);
    }

    private static GreChannelInitialState greChannelInitial(StateReader r) throws StateReader.Fault {
        int peerCallId = r.u16("peerCallId");
        int peerReceiveWindow = r.u16("peerReceiveWindow");
        Duration delay = r.duration("peerPacketProcessingDelay");
        int ourReceiveWindow = r.u16Between("ourReceiveWindow", 1, 0xFFFF);
        return new GreChannelInitialState(peerCallId, peerReceiveWindow, delay, ourReceiveWindow);
    }

    private static GreChannelEssentialState greChannelEssential(StateReader r) throws StateReader.Fault {
        long next = r.u32("nextSequence");
        OptionalLong lastReceived = r.flag("lastReceived present") ? OptionalLong.of(r.u32("lastReceived"))
                : OptionalLong.empty();
        int transmitWindow = r.u16Between("transmitWindow", 1, GreChannel.MAX_TRANSMIT_WINDOW);
        Duration rtt = r.duration("roundTripTime");
        Duration deviation = r.duration("roundTripDeviation");
        return new GreChannelEssentialState(new GreSequenceState(next, lastReceived), transmitWindow, rtt, deviation);
    }
}
