package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlStreamFramer;
import io.cohort.pptp.wire.EchoResult;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.IncomingCallResult;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.pptp.wire.StopControlConnectionResult;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;

/**
 * What both ends of a PPTP control connection do alike (RFC 2637 section 3.1), whichever opened
 * it: the TCP octets framed into messages; one timer for the connection-level wait (the start
 * request or reply, the stop reply, 3.1.4 and 3.2.1); the Echo keepalive of an established
 * connection (3.1.4 item 2, {@link EchoKeepalive}) and the Echo-Reply to the peer's probes (2.5);
 * the Stop-Control-Connection exchange (2.3, 2.4) and the close; refusing incoming calls (2.10);
 * and the handling of errors. A framing or decoding error closes the transport at once (1.4:
 * "Loss of synchronization must result in immediate closing"); a message illegal before
 * establishment closes it too (there is no control connection to stop); one illegal once
 * established is a local termination, calls cleared and a Stop-Control-Connection-Request sent.
 * Each is counted under the end's prefix and logged at a limited rate; nothing throws on bad
 * input.
 *
 * <p>Each end ({@link ControlConnection}, the PAC; {@link ClientControlConnection}, the PNS)
 * brings its states, its reaction table and its calls. Sans-I/O, one thread drives a connection.
 *
 * @param <S> the end's states; it names which of them are established, waiting for a stop reply
 *            and closed
 */
abstract class ControlConnectionCore<S extends Enum<S>> {
    private final ControlEnd end;
    private final Scheduler scheduler;
    private final ControlEvents events;
    private final Counters counters;
    private final RateLimitedLog log;
    private final String peer;
    private final ControlStreamFramer framer = new ControlStreamFramer();
    private final EchoKeepalive keepalive;
    private final Duration stopReplyTimeout;
    private final S established;
    private final S waitStopReply;
    private final S closed;

    private S state;
    private Timer timer = Timer.NONE;
    private String stopReason;

    /**
     * @param states           the end's states: the first, established, waiting for the stop reply, closed
     * @param stopReplyTimeout how long a Stop-Control-Connection-Reply may take (3.2.1: one minute)
     * @param peer             the peer's address, for logs
     */
    ControlConnectionCore(ControlEnd end, EndStates<S> states, Scheduler scheduler, Duration echoInterval,
                          Duration echoTimeout, Duration stopReplyTimeout, ControlEvents events, Counters counters,
                          RateLimitedLog log, String peer) {
        this.end = end;
        this.scheduler = scheduler;
        this.events = events;
        this.counters = counters;
        this.log = log;
        this.peer = peer;
        this.stopReplyTimeout = stopReplyTimeout;
        this.state = states.initial();
        this.established = states.established();
        this.waitStopReply = states.waitStopReply();
        this.closed = states.closed();
        this.keepalive = new EchoKeepalive(scheduler, echoInterval, echoTimeout, id -> {
            count("tx.echo_request");
            events.send(new ControlMessage.EchoRequest(id));
        }, () -> {
            count("echo_timeout");
            closeTransport("no Echo-Reply within " + echoTimeout.toSeconds() + " s");
        });
    }

    /** Which of an end's states the shared mechanics move between. */
    record EndStates<S extends Enum<S>>(S initial, S established, S waitStopReply, S closed) {
    }

    /** Octets from the TCP connection, in any chunking; all of them are consumed. */
    public final void receive(ByteBuffer chunk) {
        if (state == closed) {
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
            log.log(Level.WARNING, end.logKey("malformed"), "PPTP control connection " + end.towardPeer()
                    + " %s: %s (%s), closing", peer, bad.error(), bad.detail());
            closeTransport("malformed control message: " + bad.error());
        });
    }

    /** One decoded message from the peer: any message is a sign of life (3.1.4), then the end's table decides. */
    public final void receive(ControlMessage message) {
        keepalive.received();
        react(message);
    }

    /** What the end's reaction table says to do with {@code message} in the current state. */
    abstract void react(ControlMessage message);

    /** The TCP connection closed under us (or failed): every call goes down, nothing more is sent. */
    public final void transportClosed(String reason) {
        closeTransport(reason);
    }

    public final S state() {
        return state;
    }

    /**
     * Octets of a message that has not arrived whole yet. A replica of the TCP connection under
     * this one is consistent with its state only when this is 0 (the partial message is not
     * carried, see {@link ControlConnectionEssentialState}).
     */
    public final int bufferedOctets() {
        return framer.buffered();
    }

    final void enter(S next) {
        state = next;
    }

    /** The start exchange succeeded: the connection-level wait ends and the keepalive starts (3.1.4 item 2). */
    final void establish() {
        state = established;
        timer.cancel();
        timer = Timer.NONE;
        count("established");
        keepalive.start();
    }

    /** Answers the peer's Stop-Control-Connection-Request with OK (2.4) and returns its Reason. */
    final int replyToStop(ControlMessage message) {
        events.send(new ControlMessage.StopControlConnectionReply(StopControlConnectionResult.OK.code(),
                GeneralError.NONE.code()));
        return ((ControlMessage.StopControlConnectionRequest) message).reason();
    }

    /** The reply to our Stop-Control-Connection-Request: the connection is over. */
    final void stopReplied() {
        closeTransport(stopReason);
    }

    /** Answers the peer's Echo-Request (2.5, 2.6). */
    final void answerEcho(ControlMessage message) {
        events.send(new ControlMessage.EchoReply(((ControlMessage.EchoRequest) message).identifier(),
                EchoResult.OK.code(), GeneralError.NONE.code()));
    }

    /** An Echo-Reply: it answers our keepalive, or is counted as unexpected. */
    final void echoAnswered(ControlMessage message) {
        if (!keepalive.answered(((ControlMessage.EchoReply) message).identifier())) {
            count("rx.unexpected_echo_reply");
        }
    }

    /** Neither end takes incoming calls: an Incoming-Call-Request is answered Do-Not-Accept (2.10). */
    final void refuseIncomingCall(ControlMessage message, int receiveWindow, int processingDelay) {
        count("incoming_call_refused");
        events.send(new ControlMessage.IncomingCallReply(0, ((ControlMessage.IncomingCallRequest) message).callId(),
                IncomingCallResult.DO_NOT_ACCEPT.code(), GeneralError.NONE.code(), receiveWindow, processingDelay));
    }

    /** A message harmless in this state (e.g. in flight while stopping): counted and dropped. */
    final void ignore(ControlMessage message) {
        count("rx.ignored." + typeName(message));
    }

    /** A message illegal once established: a local termination (3.1.1, 3.1.2). */
    final void illegalWhileEstablished(ControlMessage message) {
        illegal(message);
        stop(StopControlConnectionReason.NONE, "illegal " + message.type() + " while established");
    }

    /** A message illegal before establishment: no control connection exists to stop, the transport closes. */
    final void illegalBeforeEstablished(ControlMessage message) {
        illegal(message);
        closeTransport("illegal " + message.type() + " before the control connection was established");
    }

    /**
     * Local termination of an established connection: clears every call (2.3: "clear all calls"
     * first), sends a Stop-Control-Connection-Request and waits for the reply at most the stop-reply
     * timeout. Nothing happens once stopping or closed.
     */
    final void stop(StopControlConnectionReason reason, String why) {
        if (state == waitStopReply || state == closed) {
            return;
        }
        endCalls(true, why);
        keepalive.stop();
        state = waitStopReply;
        stopReason = why;
        events.send(new ControlMessage.StopControlConnectionRequest(reason.code()));
        awaitStopReply();
    }

    private void awaitStopReply() {
        await(stopReplyTimeout, () -> {
            if (state == waitStopReply) {
                count("stop_reply_timeout");
                closeTransport(stopReason + "; no Stop-Control-Connection-Reply");
            }
        });
    }

    /**
     * Resumes a replicated connection in {@code resumed}, established or waiting for the stop reply
     * (see {@link ControlConnectionEssentialState}): the keepalive goes on from the replicated Echo
     * identifier, or the stop reply is awaited a full time-out. Nothing is sent; counted as
     * {@code resumed}.
     */
    final void resume(S resumed, long echoIdentifier, boolean echoOutstanding) {
        count("resumed");
        if (resumed == established) {
            state = established;
            keepalive.resume(echoIdentifier, echoOutstanding);
        } else if (resumed == waitStopReply) {
            state = waitStopReply;
            stopReason = "stopping when taken over";
            awaitStopReply();
        } else {
            throw new IllegalArgumentException("only an established or stopping connection resumes, not " + resumed);
        }
    }

    /** The identifier of our last Echo-Request (0: none yet). */
    final long echoIdentifier() {
        return keepalive.lastIdentifier();
    }

    /** Whether our last Echo-Request awaits its reply. */
    final boolean echoOutstanding() {
        return keepalive.outstanding();
    }

    /** Ends the connection: timers stop, every call goes down unannounced, the owner closes the transport. */
    final void closeTransport(String reason) {
        if (state == closed) {
            return;
        }
        state = closed;
        timer.cancel();
        timer = Timer.NONE;
        keepalive.stop();
        endCalls(false, reason);
        events.closeTransport(reason);
    }

    /** Ends every call of the connection, each announced to the peer first if {@code notify}. */
    abstract void endCalls(boolean notify, String reason);

    /** (Re)arms the one connection-level timer. */
    final void await(Duration delay, Runnable task) {
        timer.cancel();
        timer = scheduler.schedule(delay, task);
    }

    final void count(String name) {
        end.count(counters, name);
    }

    final String peer() {
        return peer;
    }

    private void illegal(ControlMessage message) {
        count("rx.illegal." + typeName(message));
        log.log(Level.WARNING, end.logKey("illegal"), "PPTP control connection " + end.towardPeer()
                + " %s: %s illegal in state %s", peer, message.type(), state);
    }

    private static String typeName(ControlMessage m) {
        return m.type().name().toLowerCase(Locale.ROOT);
    }
}
