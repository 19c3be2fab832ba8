package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.StartControlConnectionResult;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.wire.CodePoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One PPTP control connection from the side that opens it (RFC 2637 section 3.1.1, the
 * originator) and places outgoing calls on it (3.2.4.2, the PNS): the in-repo client's half of
 * what {@link ControlConnection} does for the server. Sans-I/O: it takes TCP octets or decoded
 * messages, commands ({@link #placeCall}, {@link #clearCall}, {@link #shutdown}) and timer events,
 * and emits messages, call events and "close the transport" through {@link ClientControlEvents}.
 * What each message does in each state is the table in {@link ClientControlTransitions}; what
 * both ends share (framing, the keepalive, the stop exchange, error handling, counters
 * {@code pptp.pns.*}) is {@link ControlConnectionCore}.
 *
 * <p>Set-up (3.1.1): {@link #start} sends the Start-Control-Connection-Request; the reply must come
 * within the reply timeout (3.1.4 item 1). A result other than success (e.g. 5, "the protocol
 * version of the requester is not supported") fails the connection; success with a version below
 * ours (1.0), which we cannot speak, is answered with a Stop-Control-Connection-Request (reason
 * 2, Stop-Protocol) and the originator waits for its reply. Established, either side may probe
 * with Echo-Request ({@link EchoKeepalive}); either may stop with a Stop-Control-Connection-Request.
 */
public final class ClientControlConnection extends ControlConnectionCore<ClientControlState> {
    private static final EndStates<ClientControlState> STATES = new EndStates<>(ClientControlState.IDLE,
            ClientControlState.ESTABLISHED, ClientControlState.WAIT_STOP_REPLY, ClientControlState.CLOSED);

    private final ClientControlSettings settings;
    private final ClientControlEvents events;
    private final ClientCallTable calls;

    private Optional<ControlMessage.StartControlConnectionReply> peerStart = Optional.empty();

    /**
     * @param allocator our Call IDs (3.2.2); one per client is enough, the GRE key carries only ours
     * @param peer      the server's address, for logs
     */
    public ClientControlConnection(ClientControlSettings settings, Scheduler scheduler, CallIdAllocator allocator,
                                   ClientControlEvents events, Counters counters, RateLimitedLog log, String peer) {
        super(ControlEnd.PNS, STATES, scheduler, settings.echoInterval(), settings.echoTimeout(),
                settings.replyTimeout(), events, counters, log, peer);
        this.settings = settings;
        this.events = events;
        this.calls = new ClientCallTable(settings, allocator, events, counters, scheduler,
                why -> stop(StopControlConnectionReason.NONE, why));
    }

    /** The TCP connection is open: send the Start-Control-Connection-Request (3.1.1 idle). */
    public void start() {
        if (state() != ClientControlState.IDLE) {
            throw new IllegalStateException("already started: " + state());
        }
        enter(ClientControlState.WAIT_CTL_REPLY);
        events.send(new ControlMessage.StartControlConnectionRequest(ControlMessage.PROTOCOL_VERSION,
                settings.framingCapabilities(), settings.bearerCapabilities(), 0, settings.firmwareRevision(),
                settings.hostName(), settings.vendor()));
        await(settings.replyTimeout(), () -> {
            if (state() == ClientControlState.WAIT_CTL_REPLY) {
                count("setup_timeout");
                closeTransport("no Start-Control-Connection-Reply within " + settings.replyTimeout().toSeconds()
                        + " s");
            }
        });
    }

    @Override
    void react(ControlMessage message) {
        switch (ClientControlTransitions.of(state(), message.type())) {
            case START_REPLY -> startReplied((ControlMessage.StartControlConnectionReply) message);
            case STOP_REPLY_AND_CLOSE -> {
                int reason = replyToStop(message);
                calls.endAll(false, "server stopped the control connection");
                closeTransport("server stopped the control connection (reason " + reason + ")");
            }
            case CLOSE_AFTER_STOP_REPLY -> stopReplied();
            case ECHO_REPLY -> answerEcho(message);
            case ECHO_ANSWERED -> echoAnswered(message);
            case OUTGOING_CALL_REPLY -> calls.replied((ControlMessage.OutgoingCallReply) message);
            case CALL_DISCONNECTED -> calls.disconnected((ControlMessage.CallDisconnectNotify) message);
            case WAN_ERROR -> calls.wanError((ControlMessage.WanErrorNotify) message);
            case REFUSE_INCOMING_CALL -> refuseIncomingCall(message, settings.receiveWindow(),
                    settings.processingDelay());
            case IGNORE -> ignore(message);
            case STOP -> illegalWhileEstablished(message);
            case CLOSE -> illegalBeforeEstablished(message);
        }
    }

    /** 3.1.1 wait_ctl_reply: success with a version we speak establishes; anything else ends here. */
    private void startReplied(ControlMessage.StartControlConnectionReply reply) {
        if (reply.resultCode() != StartControlConnectionResult.SUCCESS.code()) {
            count("start_refused");
            String error = reply.resultCode() == StartControlConnectionResult.GENERAL_ERROR.code()
                    ? ", error " + reply.errorCode() + GeneralError.of(reply.errorCode()).map(CodePoint::description)
                            .map(d -> " (" + d + ")").orElse("")
                    : "";
            closeTransport("Start-Control-Connection-Reply result " + reply.resultCode()
                    + reply.result().map(r -> " (" + r.description() + ")").orElse("") + error);
            return;
        }
        if (reply.protocolVersion() < ControlMessage.PROTOCOL_VERSION) {
            // "If the version is earlier and not supported, a Stop-Control-Connection-Request SHOULD be sent."
            count("unsupported_version");
            stop(StopControlConnectionReason.STOP_PROTOCOL,
                    String.format("server's protocol version 0x%04X is not supported", reply.protocolVersion()));
            return;
        }
        peerStart = Optional.of(reply);
        establish();
        events.established(reply);
    }

    /**
     * Places an outgoing call (3.2.4.2 idle): sends an Outgoing-Call-Request and returns our Call
     * ID; {@link ClientControlEvents#callUp} or {@link ClientControlEvents#callFailed} follows.
     * Empty if no Call ID is free.
     *
     * @throws IllegalStateException if the connection is not established
     */
    public OptionalInt placeCall() {
        if (state() != ClientControlState.ESTABLISHED) {
            throw new IllegalStateException("calls are placed on an established control connection, not " + state());
        }
        return calls.place();
    }

    /**
     * Hangs up one call with a Call-Clear-Request and waits for the server's
     * Call-Disconnect-Notify (3.2.4.2). False if there is no such call or it is already clearing.
     */
    public boolean clearCall(int callId) {
        return state() == ClientControlState.ESTABLISHED && calls.clear(callId);
    }

    /**
     * Local termination (3.1.1 established): clears every call, sends a
     * Stop-Control-Connection-Request and waits for the reply; before establishment it just
     * closes the transport.
     */
    public void shutdown(StopControlConnectionReason reason, String why) {
        switch (state()) {
            case IDLE, WAIT_CTL_REPLY -> closeTransport(why);
            case ESTABLISHED -> stop(reason, why);
            case WAIT_STOP_REPLY, CLOSED -> { }
        }
    }

    @Override
    void endCalls(boolean notify, String reason) {
        calls.endAll(notify, reason);
    }

    /** The server's Start-Control-Connection-Reply, once established. */
    public Optional<ControlMessage.StartControlConnectionReply> peerStart() {
        return peerStart;
    }

    public Optional<ClientCallSnapshot> call(int callId) {
        return calls.snapshot(callId);
    }

    public List<ClientCallSnapshot> calls() {
        return calls.snapshots();
    }

    @Override
    public String toString() {
        return "ClientControlConnection[" + peer() + ", " + state() + ", calls=" + calls.size() + "]";
    }
}
