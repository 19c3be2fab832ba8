package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlStreamFramer;
import io.cohort.pptp.wire.EchoResult;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.IncomingCallResult;
import io.cohort.pptp.wire.StartControlConnectionResult;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.pptp.wire.StopControlConnectionResult;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One PPTP control connection (RFC 2637 section 3.1.2, the receiver of the TCP connection), with
 * the calls placed on it (3.2.4.1, Cohort as the PAC: a remote-access client sends
 * Start-Control-Connection-Request then Outgoing-Call-Request). Sans-I/O: it takes TCP octets or
 * decoded messages and timer events, and emits messages, call events and "close the transport"
 * through {@link ControlConnectionEvents}. What each message does in each state is the table in
 * {@link ControlTransitions}.
 *
 * <p>Timers (3.1.4): the Start-Control-Connection-Request must arrive within the set-up timeout;
 * once established, 60 s without any message sends an Echo-Request, and 60 s without its
 * Echo-Reply closes the transport ({@link EchoKeepalive}, shared with the client side). A Stop-Control-Connection-Request we send is given the
 * stop-reply timeout (3.2.1's one minute).
 *
 * <p>Errors: a framing or decoding error closes the transport at once (1.4: "Loss of
 * synchronization must result in immediate closing"); a message illegal before establishment
 * closes it too (there is no control connection to stop); one illegal once established is a local
 * termination: its calls are cleared with Call-Disconnect-Notify and a
 * Stop-Control-Connection-Request is sent (3.1.2). Each is counted
 * ({@code pptp.control.rx.*}) and logged at a limited rate; nothing throws on bad input. One
 * thread drives a connection.
 */
public final class ControlConnection {
    private final ControlSettings settings;
    private final Scheduler scheduler;
    private final CallCapacity capacity;
    private final ControlConnectionEvents events;
    private final Counters counters;
    private final RateLimitedLog log;
    private final String peer;
    private final CallTable calls;
    private final ControlStreamFramer framer = new ControlStreamFramer();
    private final EchoKeepalive keepalive;

    private ControlState state = ControlState.IDLE;
    private Optional<ControlMessage.StartControlConnectionRequest> peerStart = Optional.empty();
    private Timer timer = Timer.NONE;
    private String stopReason;

    /**
     * @param allocator our Call IDs, shared by every connection of the member (3.2.2)
     * @param capacity  calls all connections may hold together
     * @param peer      the peer's address, for logs
     */
    public ControlConnection(ControlSettings settings, Scheduler scheduler, CallIdAllocator allocator,
                             CallCapacity capacity, ControlConnectionEvents events, Counters counters,
                             RateLimitedLog log, String peer) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.capacity = capacity;
        this.events = events;
        this.counters = counters;
        this.log = log;
        this.peer = peer;
        this.calls = new CallTable(settings, allocator, capacity, events, counters);
        this.keepalive = new EchoKeepalive(scheduler, settings.echoInterval(), settings.echoTimeout(), id -> {
            count("pptp.control.tx.echo_request");
            events.send(new ControlMessage.EchoRequest(id));
        }, () -> {
            count("pptp.control.echo_timeout");
            stopReason = "no Echo-Reply within " + settings.echoTimeout().toSeconds() + " s";
            closeTransport(stopReason);
        });
    }

    /** The TCP connection is open: wait for the Start-Control-Connection-Request (3.1.4 item 1). */
    public void start() {
        if (state == ControlState.IDLE) {
            rearm(settings.setupTimeout(), this::setupTimedOut);
        }
    }

    /** Octets from the TCP connection, in any chunking. */
    public void receive(ByteBuffer chunk) {
        if (state == ControlState.CLOSED) {
            count("pptp.control.rx.after_close");
            return;
        }
        ControlStreamFramer.Framed framed = framer.feed(chunk);
        for (ControlMessage m : framed.messages()) {
            receive(m);
        }
        framed.failure().ifPresent(bad -> {
            count("pptp.control.rx.malformed." + bad.error().name().toLowerCase(Locale.ROOT));
            log.log(Level.WARNING, "pptp.control.malformed", "PPTP control connection from %s: %s (%s), closing",
                    peer, bad.error(), bad.detail());
            closeTransport("malformed control message: " + bad.error());
        });
    }

    /** One decoded message from the peer. */
    public void receive(ControlMessage message) {
        Reaction reaction = ControlTransitions.of(state, message.type());
        if (state == ControlState.ESTABLISHED) {
            keepalive.received();
        }
        switch (reaction) {
            case START -> start((ControlMessage.StartControlConnectionRequest) message);
            case STOP_REPLY_AND_CLOSE -> {
                events.send(new ControlMessage.StopControlConnectionReply(StopControlConnectionResult.OK.code(),
                        GeneralError.NONE.code()));
                int reason = ((ControlMessage.StopControlConnectionRequest) message).reason();
                closeTransport("peer stopped the control connection (reason " + reason + ")");
            }
            case CLOSE_AFTER_STOP_REPLY -> closeTransport(stopReason);
            case ECHO_REPLY -> events.send(new ControlMessage.EchoReply(
                    ((ControlMessage.EchoRequest) message).identifier(), EchoResult.OK.code(), GeneralError.NONE.code()));
            case ECHO_ANSWERED -> {
                if (!keepalive.answered(((ControlMessage.EchoReply) message).identifier())) {
                    count("pptp.control.rx.unexpected_echo_reply");
                }
            }
            case OUTGOING_CALL -> calls.outgoingCall((ControlMessage.OutgoingCallRequest) message);
            case CLEAR_CALL -> calls.clearRequested((ControlMessage.CallClearRequest) message);
            case PEER_DISCONNECTED_CALL -> calls.peerDisconnected((ControlMessage.CallDisconnectNotify) message);
            case LINK_INFO -> calls.linkInfo((ControlMessage.SetLinkInfo) message);
            case WAN_ERROR -> calls.wanError((ControlMessage.WanErrorNotify) message);
            case REFUSE_INCOMING_CALL -> refuseIncomingCall((ControlMessage.IncomingCallRequest) message);
            case IGNORE -> count("pptp.control.rx.ignored." + typeName(message));
            case STOP -> {
                illegal(message);
                stop(StopControlConnectionReason.NONE, "illegal " + message.type() + " while established");
            }
            case CLOSE -> {
                illegal(message);
                closeTransport("illegal " + message.type() + " before the control connection was established");
            }
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
            count("pptp.control.unsupported_version");
            closeTransport(String.format("peer's protocol version 0x%04X is not supported", request.protocolVersion()));
            return;
        }
        state = ControlState.ESTABLISHED;
        peerStart = Optional.of(request);
        timer.cancel();
        timer = Timer.NONE;
        count("pptp.control.established");
        keepalive.start(); // 3.1.4 item 2
        events.established(request);
    }

    /** 2.10: a remote-access server places no calls for a PAC; the PNS answer is Do-Not-Accept. */
    private void refuseIncomingCall(ControlMessage.IncomingCallRequest request) {
        count("pptp.control.incoming_call_refused");
        events.send(new ControlMessage.IncomingCallReply(0, request.callId(), IncomingCallResult.DO_NOT_ACCEPT.code(),
                GeneralError.NONE.code(), settings.receiveWindow(), settings.processingDelay()));
    }

    private void setupTimedOut() {
        if (state == ControlState.IDLE) {
            count("pptp.control.setup_timeout");
            closeTransport("no Start-Control-Connection-Request within " + settings.setupTimeout().toSeconds() + " s");
        }
    }

    /**
     * Ends one call from our side (e.g. its PPP link went down) with a Call-Disconnect-Notify
     * (3.2.4.1 established: "If the call is disconnected by the client ... a Call-Disconnect-Notify
     * message SHOULD be sent"). False if there is no such call.
     */
    public boolean clearCall(int callId, CallDisconnectResult result, String reason) {
        return state == ControlState.ESTABLISHED && calls.disconnect(callId, result, reason);
    }

    /**
     * Local termination (3.1.2 established): clears every call, sends a
     * Stop-Control-Connection-Request and waits for the reply; before establishment it just
     * closes the transport.
     */
    public void shutdown(StopControlConnectionReason reason, String why) {
        switch (state) {
            case IDLE -> closeTransport(why);
            case ESTABLISHED -> stop(reason, why);
            case WAIT_STOP_REPLY, CLOSED -> { }
        }
    }

    /** The TCP connection closed under us (or failed): every call goes down, nothing more is sent. */
    public void transportClosed(String reason) {
        closeTransport(reason);
    }

    private void stop(StopControlConnectionReason reason, String why) {
        calls.disconnectAll(true, why);
        keepalive.stop();
        state = ControlState.WAIT_STOP_REPLY;
        stopReason = why;
        events.send(new ControlMessage.StopControlConnectionRequest(reason.code()));
        rearm(settings.stopReplyTimeout(), () -> {
            if (state == ControlState.WAIT_STOP_REPLY) {
                count("pptp.control.stop_reply_timeout");
                closeTransport(why + "; no Stop-Control-Connection-Reply");
            }
        });
    }

    private void closeTransport(String reason) {
        if (state == ControlState.CLOSED) {
            return;
        }
        state = ControlState.CLOSED;
        timer.cancel();
        timer = Timer.NONE;
        keepalive.stop();
        calls.disconnectAll(false, reason);
        events.closeTransport(reason);
    }

    private void illegal(ControlMessage message) {
        count("pptp.control.rx.illegal." + typeName(message));
        log.log(Level.WARNING, "pptp.control.illegal", "PPTP control connection from %s: %s illegal in state %s",
                peer, message.type(), state);
    }

    private void rearm(Duration delay, Runnable task) {
        timer.cancel();
        timer = scheduler.schedule(delay, task);
    }

    private void count(String name) {
        counters.counter(name).increment();
    }

    private static String typeName(ControlMessage m) {
        return m.type().name().toLowerCase(Locale.ROOT);
    }

    public ControlState state() {
        return state;
    }

    /** The peer's Start-Control-Connection-Request, once established. */
    public Optional<ControlMessage.StartControlConnectionRequest> peerStart() {
        return peerStart;
    }

    public Optional<CallSnapshot> call(int callId) {
        return calls.snapshot(callId);
    }

    public List<CallSnapshot> calls() {
        return calls.snapshots();
    }

    @Override
    public String toString() {
        return "ControlConnection[" + peer + ", " + state + ", calls=" + calls.size() + "]";
    }
}
