package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
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
import io.cohort.wire.CodePoint;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One PPTP control connection from the side that opens it (RFC 2637 section 3.1.1, the
 * originator) and places outgoing calls on it (3.2.4.2, the PNS): the in-repo client's half of
 * what {@link ControlConnection} does for the server. Sans-I/O: it takes TCP octets or decoded
 * messages, commands ({@link #placeCall}, {@link #clearCall}, {@link #shutdown}) and timer events,
 * and emits messages, call events and "close the transport" through {@link ClientControlEvents}.
 * What each message does in each state is the table in {@link ClientControlTransitions}.
 *
 * <p>Set-up (3.1.1): {@link #start} sends the Start-Control-Connection-Request; the reply must come
 * within the reply timeout (3.1.4 item 1). A result other than success (e.g. 5, "the protocol
 * version of the requester is not supported") fails the connection; success with a version below
 * ours (1.0), which we cannot speak, is answered with a Stop-Control-Connection-Request (reason
 * 2, Stop-Protocol) and the originator waits for its reply. Established, either side may probe
 * with Echo-Request ({@link EchoKeepalive}); either may stop with a Stop-Control-Connection-Request.
 *
 * <p>Errors: a framing or decoding error closes the transport at once (1.4); a message illegal
 * before establishment closes it too; one illegal once established is a local termination (calls
 * cleared, Stop-Control-Connection-Request). Each is counted ({@code pptp.pns.rx.*}) and logged at
 * a limited rate; nothing throws on bad input. One thread drives a connection.
 */
public final class ClientControlConnection {
    private final ClientControlSettings settings;
    private final Scheduler scheduler;
    private final ClientControlEvents events;
    private final Counters counters;
    private final RateLimitedLog log;
    private final String peer;
    private final ClientCallTable calls;
    private final EchoKeepalive keepalive;
    private final ControlStreamFramer framer = new ControlStreamFramer();

    private ClientControlState state = ClientControlState.IDLE;
    private Optional<ControlMessage.StartControlConnectionReply> peerStart = Optional.empty();
    private Timer timer = Timer.NONE;
    private String stopReason;

    /**
     * @param allocator our Call IDs (3.2.2); one per client is enough, the GRE key carries only ours
     * @param peer      the server's address, for logs
     */
    public ClientControlConnection(ClientControlSettings settings, Scheduler scheduler, CallIdAllocator allocator,
                                   ClientControlEvents events, Counters counters, RateLimitedLog log, String peer) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.events = events;
        this.counters = counters;
        this.log = log;
        this.peer = peer;
        this.calls = new ClientCallTable(settings, allocator, events, counters, scheduler,
                why -> stop(StopControlConnectionReason.NONE, why));
        this.keepalive = new EchoKeepalive(scheduler, settings.echoInterval(), settings.echoTimeout(), id -> {
            count("tx.echo_request");
            events.send(new ControlMessage.EchoRequest(id));
        }, () -> {
            count("echo_timeout");
            closeTransport("no Echo-Reply within " + settings.echoTimeout().toSeconds() + " s");
        });
    }

    /** The TCP connection is open: send the Start-Control-Connection-Request (3.1.1 idle). */
    public void start() {
        if (state != ClientControlState.IDLE) {
            throw new IllegalStateException("already started: " + state);
        }
        state = ClientControlState.WAIT_CTL_REPLY;
        events.send(new ControlMessage.StartControlConnectionRequest(ControlMessage.PROTOCOL_VERSION,
                settings.framingCapabilities(), settings.bearerCapabilities(), 0, settings.firmwareRevision(),
                settings.hostName(), settings.vendor()));
        rearm(() -> {
            if (state == ClientControlState.WAIT_CTL_REPLY) {
                count("setup_timeout");
                closeTransport("no Start-Control-Connection-Reply within " + settings.replyTimeout().toSeconds()
                        + " s");
            }
        });
    }

    /** Octets from the TCP connection, in any chunking. */
    public void receive(ByteBuffer chunk) {
        if (state == ClientControlState.CLOSED) {
            count("rx.after_close");
            chunk.position(chunk.limit());
            return;
        }
        ControlStreamFramer.Framed framed = framer.feed(chunk);
        for (ControlMessage m : framed.messages()) {
            receive(m);
        }
        framed.failure().ifPresent(bad -> {
            count("rx.malformed." + bad.error().name().toLowerCase(Locale.ROOT));
            log.log(Level.WARNING, "pptp.pns.malformed", "PPTP control connection to %s: %s (%s), closing",
                    peer, bad.error(), bad.detail());
            closeTransport("malformed control message: " + bad.error());
        });
    }

    /** One decoded message from the server. */
    public void receive(ControlMessage message) {
        ClientReaction reaction = ClientControlTransitions.of(state, message.type());
        keepalive.received();
        switch (reaction) {
            case START_REPLY -> startReplied((ControlMessage.StartControlConnectionReply) message);
            case STOP_REPLY_AND_CLOSE -> {
                events.send(new ControlMessage.StopControlConnectionReply(StopControlConnectionResult.OK.code(),
                        GeneralError.NONE.code()));
                int reason = ((ControlMessage.StopControlConnectionRequest) message).reason();
                calls.endAll(false, "server stopped the control connection");
                closeTransport("server stopped the control connection (reason " + reason + ")");
            }
            case CLOSE_AFTER_STOP_REPLY -> closeTransport(stopReason);
            case ECHO_REPLY -> events.send(new ControlMessage.EchoReply(
                    ((ControlMessage.EchoRequest) message).identifier(), EchoResult.OK.code(), GeneralError.NONE.code()));
            case ECHO_ANSWERED -> {
                if (!keepalive.answered(((ControlMessage.EchoReply) message).identifier())) {
                    count("rx.unexpected_echo_reply");
                }
            }
            case OUTGOING_CALL_REPLY -> calls.replied((ControlMessage.OutgoingCallReply) message);
            case CALL_DISCONNECTED -> calls.disconnected((ControlMessage.CallDisconnectNotify) message);
            case WAN_ERROR -> calls.wanError((ControlMessage.WanErrorNotify) message);
            case REFUSE_INCOMING_CALL -> {
                count("incoming_call_refused");
                events.send(new ControlMessage.IncomingCallReply(0,
                        ((ControlMessage.IncomingCallRequest) message).callId(), IncomingCallResult.DO_NOT_ACCEPT.code(),
                        GeneralError.NONE.code(), settings.receiveWindow(), settings.processingDelay()));
            }
            case IGNORE -> count("rx.ignored." + typeName(message));
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
        state = ClientControlState.ESTABLISHED;
        peerStart = Optional.of(reply);
        timer.cancel();
        timer = Timer.NONE;
        count("established");
        keepalive.start();
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
        if (state != ClientControlState.ESTABLISHED) {
            throw new IllegalStateException("calls are placed on an established control connection, not " + state);
        }
        return calls.place();
    }

    /**
     * Hangs up one call with a Call-Clear-Request and waits for the server's
     * Call-Disconnect-Notify (3.2.4.2). False if there is no such call or it is already clearing.
     */
    public boolean clearCall(int callId) {
        return state == ClientControlState.ESTABLISHED && calls.clear(callId);
    }

    /**
     * Local termination (3.1.1 established): clears every call, sends a
     * Stop-Control-Connection-Request and waits for the reply; before establishment it just
     * closes the transport.
     */
    public void shutdown(StopControlConnectionReason reason, String why) {
        switch (state) {
            case IDLE, WAIT_CTL_REPLY -> closeTransport(why);
            case ESTABLISHED -> stop(reason, why);
            case WAIT_STOP_REPLY, CLOSED -> { }
        }
    }

    /** The TCP connection closed under us (or failed): every call goes down, nothing more is sent. */
    public void transportClosed(String reason) {
        closeTransport(reason);
    }

    private void stop(StopControlConnectionReason reason, String why) {
        if (state == ClientControlState.WAIT_STOP_REPLY || state == ClientControlState.CLOSED) {
            return;
        }
        calls.endAll(true, why);
        keepalive.stop();
        state = ClientControlState.WAIT_STOP_REPLY;
        stopReason = why;
        events.send(new ControlMessage.StopControlConnectionRequest(reason.code()));
        rearm(() -> {
            if (state == ClientControlState.WAIT_STOP_REPLY) {
                count("stop_reply_timeout");
                closeTransport(why + "; no Stop-Control-Connection-Reply");
            }
        });
    }

    private void closeTransport(String reason) {
        if (state == ClientControlState.CLOSED) {
            return;
        }
        state = ClientControlState.CLOSED;
        timer.cancel();
        timer = Timer.NONE;
        keepalive.stop();
        calls.endAll(false, reason);
        events.closeTransport(reason);
    }

    private void illegal(ControlMessage message) {
        count("rx.illegal." + typeName(message));
        log.log(Level.WARNING, "pptp.pns.illegal", "PPTP control connection to %s: %s illegal in state %s",
                peer, message.type(), state);
    }

    /** One timer for the connection-level wait: the start reply or the stop reply (3.1.4, 3). */
    private void rearm(Runnable task) {
        timer.cancel();
        timer = scheduler.schedule(settings.replyTimeout(), task);
    }

    private void count(String name) {
        counters.counter("pptp.pns." + name).increment();
    }

    private static String typeName(ControlMessage m) {
        return m.type().name().toLowerCase(Locale.ROOT);
    }

    public ClientControlState state() {
        return state;
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
        return "ClientControlConnection[" + peer + ", " + state + ", calls=" + calls.size() + "]";
    }
}
