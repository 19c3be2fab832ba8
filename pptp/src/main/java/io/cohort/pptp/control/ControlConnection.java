package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.StartControlConnectionResult;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PPTP control connection (RFC 2637 section 3.1.2, the receiver of the TCP connection), with
 * the calls placed on it (3.2.4.1, Cohort as the PAC: a remote-access client sends
 * Start-Control-Connection-Request then Outgoing-Call-Request). Sans-I/O: it takes TCP octets or
 * decoded messages and timer events, and emits messages, call events and "close the transport"
 * through {@link ControlConnectionEvents}. What each message does in each state is the table in
 * {@link ControlTransitions}; what both ends share (framing, the keepalive, the stop exchange,
 * error handling, counters {@code pptp.control.*}) is {@link ControlConnectionCore}.
 *
 * <p>Timers (3.1.4): the Start-Control-Connection-Request must arrive within the set-up timeout;
 * once established, 60 s without any message sends an Echo-Request, and 60 s without its
 * Echo-Reply closes the transport. A Stop-Control-Connection-Request we send is given the
 * stop-reply timeout (3.2.1's one minute).
 */
public final class ControlConnection extends ControlConnectionCore<ControlState> {
    private static final EndStates<ControlState> STATES = new EndStates<>(ControlState.IDLE,
            ControlState.ESTABLISHED, ControlState.WAIT_STOP_REPLY, ControlState.CLOSED);

    private final ControlSettings settings;
    private final CallCapacity capacity;
    private final ControlConnectionEvents events;
    private final CallTable calls;

    private Optional<ControlMessage.StartControlConnectionRequest> peerStart = Optional.empty();

    /**
     * @param allocator our Call IDs, shared by every connection of the member (3.2.2)
     * @param capacity  calls all connections may hold together
     * @param peer      the peer's address, for logs
     */
    public ControlConnection(ControlSettings settings, Scheduler scheduler, CallIdAllocator allocator,
                             CallCapacity capacity, ControlConnectionEvents events, Counters counters,
                             RateLimitedLog log, String peer) {
        super(ControlEnd.PAC, STATES, scheduler, settings.echoInterval(), settings.echoTimeout(),
                settings.stopReplyTimeout(), events, counters, log, peer);
        this.settings = settings;
        this.capacity = capacity;
        this.events = events;
        this.calls = new CallTable(settings, allocator, capacity, events, counters);
    }

    /**
     * A control connection that carries on from another member's records, on the same TCP
     * connection restored under it: the peer notices nothing. Its calls are taken on without
     * {@link ControlConnectionEvents#callUp} (the new owner rebuilds each call's GRE channel from
     * the channel's own records) and nothing is sent; the keepalive, or the wait for the stop
     * reply, resumes as {@link ControlConnectionEssentialState} says. The arguments after the
     * records are the constructor's.
     *
     * @param calls     the initial state of each call the essential state names, others ignored
     * @param allocator must already hold each carried call's Call ID (e.g.
     *                  {@link io.cohort.pptp.call.RandomCallIdAllocator#claim})
     * @throws IllegalArgumentException if a carried call's initial state is missing, its Call ID
     *                                  unclaimed, or {@code capacity} cannot hold it
     */
    public static ControlConnection rebuild(ControlConnectionInitialState initial, List<PptpCall> calls,
                                            ControlConnectionEssentialState essential, ControlSettings settings,
                                            Scheduler scheduler, CallIdAllocator allocator, CallCapacity capacity,
                                            ControlConnectionEvents events, Counters counters, RateLimitedLog log,
                                            String peer) {
        Map<Integer, PptpCall> byCallId = new HashMap<>();
        for (PptpCall call : calls) {
            byCallId.put(call.callId(), call);
        }
        ControlConnection connection = new ControlConnection(settings, scheduler, allocator, capacity, events,
                counters, log, peer);
        connection.peerStart = Optional.of(initial.peerStart());
        for (PptpCallEssentialState call : essential.calls()) {
            PptpCall set = byCallId.get(call.callId());
            if (set == null) {
                throw new IllegalArgumentException("no initial state for call " + call.callId());
            }
            connection.calls.restore(set, call);
        }
        connection.resume(essential.state(), essential.echoIdentifier(), essential.echoOutstanding());
        return connection;
    }

    /** The TCP connection is open: wait for the Start-Control-Connection-Request (3.1.4 item 1). */
    public void start() {
        if (state() == ControlState.IDLE) {
            await(settings.setupTimeout(), this::setupTimedOut);
        }
    }

    @Override
    void react(ControlMessage message) {
        switch (ControlTransitions.of(state(), message.type())) {
            case START -> start((ControlMessage.StartControlConnectionRequest) message);
            case STOP_REPLY_AND_CLOSE -> closeTransport("peer stopped the control connection (reason "
                    + replyToStop(message) + ")");
            case CLOSE_AFTER_STOP_REPLY -> stopReplied();
            case ECHO_REPLY -> answerEcho(message);
            case ECHO_ANSWERED -> echoAnswered(message);
            case OUTGOING_CALL -> calls.outgoingCall((ControlMessage.OutgoingCallRequest) message);
            case CLEAR_CALL -> calls.clearRequested((ControlMessage.CallClearRequest) message);
            case PEER_DISCONNECTED_CALL -> calls.peerDisconnected((ControlMessage.CallDisconnectNotify) message);
            case LINK_INFO -> calls.linkInfo((ControlMessage.SetLinkInfo) message);
            case WAN_ERROR -> calls.wanError((ControlMessage.WanErrorNotify) message);
            // 2.10: a remote-access server places no calls for a PAC; the PNS answer is Do-Not-Accept.
            case REFUSE_INCOMING_CALL -> refuseIncomingCall(message, settings.receiveWindow(),
                    settings.processingDelay());
            case IGNORE -> ignore(message);
            case STOP -> illegalWhileEstablished(message);
            case CLOSE -> illegalBeforeEstablished(message);
        }
    }

    /** 3.1.2 idle: a version we support (1.0, or a later one: we answer with ours) is established. */
    private void start(ControlMessage.StartControlConnectionRequest request) {
        boolean supported = request.protocolVersion() >= ControlMessage.PROTOCOL_VERSION;
        StartControlConnectionResult result = supported ? StartControlConnectionResult.SUCCESS
                : StartControlConnectionResult.UNSUPPORTED_VERSION;
        events.send(new ControlMessage.StartControlConnectionReply(ControlMessage.PROTOCOL_VERSION, result.code(),
                GeneralError.NONE.code(), settings.framingCapabilities(), settings.bearerCapabilities(),
                Math.min(capacity.max(), 0xFFFF), settings.firmwareRevision(), settings.hostName(),
                settings.vendor()));
        if (!supported) {
            count("unsupported_version");
            closeTransport(String.format("peer's protocol version 0x%04X is not supported", request.protocolVersion()));
            return;
        }
        peerStart = Optional.of(request);
        establish();
        events.established(request);
    }

    private void setupTimedOut() {
        if (state() == ControlState.IDLE) {
            count("setup_timeout");
            closeTransport("no Start-Control-Connection-Request within " + settings.setupTimeout().toSeconds() + " s");
        }
    }

    /**
     * Ends one call from our side (e.g. its PPP link went down) with a Call-Disconnect-Notify
     * (3.2.4.1 established: "If the call is disconnected by the client ... a Call-Disconnect-Notify
     * message SHOULD be sent"). False if there is no such call.
     */
    public boolean clearCall(int callId, CallDisconnectResult result, String reason) {
        return state() == ControlState.ESTABLISHED && calls.disconnect(callId, result, reason);
    }

    /**
     * GRE arrived for our Call ID {@code callId}, which no call of ours has (its state is gone, e.g.
     * after a restart): a Call-Disconnect-Notify for it, so that the PNS clears the call at once
     * instead of waiting for its PPP to time out. The GRE key carries the recipient's Call ID, ours
     * (4.1), and a Call-Disconnect-Notify names the call by exactly that one, "the Call ID assigned
     * by the PAC to this call" (2.13); Result Code 2, General Error, with Error Code 5, "The Call
     * ID is invalid in this context" (2.16). No call is created or removed. False, and nothing is
     * sent, unless the connection is established and no call of it has that ID.
     */
    public boolean disconnectUnknownCall(int callId) {
        if (state() != ControlState.ESTABLISHED || calls.has(callId)) {
            return false;
        }
        events.send(new ControlMessage.CallDisconnectNotify(callId, CallDisconnectResult.GENERAL_ERROR.code(),
                GeneralError.BAD_CALL_ID.code(), 0, ""));
        count("tx.unknown_call_disconnect");
        return true;
    }

    /**
     * Local termination (3.1.2 established): clears every call, sends a
     * Stop-Control-Connection-Request and waits for the reply; before establishment it just
     * closes the transport.
     */
    public void shutdown(StopControlConnectionReason reason, String why) {
        switch (state()) {
            case IDLE -> closeTransport(why);
            case ESTABLISHED -> stop(reason, why);
            case WAIT_STOP_REPLY, CLOSED -> { }
        }
    }

    @Override
    void endCalls(boolean notify, String reason) {
        calls.disconnectAll(notify, reason);
    }

    /** The peer's Start-Control-Connection-Request, once established. */
    public Optional<ControlMessage.StartControlConnectionRequest> peerStart() {
        return peerStart;
    }

    /** What the peer said when the connection was established (figure 7, initial state); empty before. */
    public Optional<ControlConnectionInitialState> initialState() {
        return peerStart.map(ControlConnectionInitialState::new);
    }

    /**
     * What changes (figure 7, essential state), while established or waiting for the stop reply;
     * empty while idle or once closed, when there is nothing to carry on.
     */
    public Optional<ControlConnectionEssentialState> essentialState() {
        if (state() != ControlState.ESTABLISHED && state() != ControlState.WAIT_STOP_REPLY) {
            return Optional.empty();
        }
        if (state() == ControlState.WAIT_STOP_REPLY) {
            return Optional.of(new ControlConnectionEssentialState(state(), 0, false, List.of()));
        }
        return Optional.of(new ControlConnectionEssentialState(state(), echoIdentifier(), echoOutstanding(),
                calls.essentialStates()));
    }

    /** Each established call's initial state, sent once when it comes up: its {@link PptpCall}. */
    public List<PptpCall> callInitialStates() {
        return calls.initialStates();
    }

    public Optional<CallSnapshot> call(int callId) {
        return calls.snapshot(callId);
    }

    public List<CallSnapshot> calls() {
        return calls.snapshots();
    }

    @Override
    public String toString() {
        return "ControlConnection[" + peer() + ", " + state() + ", calls=" + calls.size() + "]";
    }
}
