package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.OutgoingCallResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import io.cohort.wire.CodePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The outgoing calls of one control connection, PNS side (RFC 2637 3.2.4.2): idle → wait_reply
 * on our Outgoing-Call-Request; an Outgoing-Call-Reply with result Connected → established, any
 * other result → idle (the call failed); established → idle on the PAC's Call-Disconnect-Notify;
 * established (or wait_reply, the figure's "Abort") → wait_disconnect on our Call-Clear-Request,
 * then idle on the Call-Disconnect-Notify. Calls are keyed by our Call ID (which the reply echoes
 * as its Peer's Call ID) and, once connected, by the PAC's (which its Call-Disconnect-Notify
 * names, 2.13).
 *
 * <p>A reply that does not come within the reply timeout means "the integrity of the protocol
 * processing between the peers is suspect and the ENTIRE CONTROL CONNECTION should be closed"
 * (3.2.1): the owner is told through {@code suspect}.
 */
final class ClientCallTable {
    private record Entry(int callId, int serialNumber, ClientCallState state, Optional<PptpCall> call,
            Timer timer) {
        Entry in(ClientCallState next, Optional<PptpCall> connected, Timer replyTimer) {
            return new Entry(callId, serialNumber, next, connected, replyTimer);
        }
    }

    private final ClientControlSettings settings;
    private final CallIdAllocator allocator;
    private final ClientControlEvents events;
    private final Counters counters;
    private final Scheduler scheduler;
    private final Consumer<String> suspect;
    private final Map<Integer, Entry> byCallId = new LinkedHashMap<>();
    private final Map<Integer, Integer> callIdByPeerCallId = new HashMap<>();
    private int nextSerialNumber;

    ClientCallTable(ClientControlSettings settings, CallIdAllocator allocator, ClientControlEvents events,
                    Counters counters, Scheduler scheduler, Consumer<String> suspect) {
        this.settings = settings;
        this.allocator = allocator;
        this.events = events;
        this.counters = counters;
        this.scheduler = scheduler;
        this.suspect = suspect;
    }

    /** Sends an Outgoing-Call-Request with a fresh Call ID (3.2.2); empty if none is free. */
    OptionalInt place() {
        OptionalInt id = allocator.allocate();
        if (id.isEmpty()) {
            count("call.refused.no_call_id");
            return id;
        }
        int callId = id.getAsInt();
        int serial = nextSerialNumber;
        nextSerialNumber = (nextSerialNumber + 1) & 0xFFFF;
        Timer timer = replyTimer(callId, "Outgoing-Call-Reply");
        byCallId.put(callId, new Entry(callId, serial, ClientCallState.WAIT_REPLY, Optional.empty(), timer));
        count("call.placed");
        events.send(new ControlMessage.OutgoingCallRequest(callId, serial, settings.minimumBps(),
                settings.maximumBps(), settings.bearerType(), settings.framingType(), settings.receiveWindow(),
                settings.processingDelay(), settings.phoneNumber().length(), settings.phoneNumber(), ""));
        return id;
    }

    /** 3.2.4.2 wait_reply: Connected brings the call up, anything else ends it. */
    void replied(ControlMessage.OutgoingCallReply reply) {
        Entry e = byCallId.get(reply.peerCallId());
        if (e == null || e.state() != ClientCallState.WAIT_REPLY) {
            count("rx.unknown_call");
            return;
        }
        e.timer().cancel();
        if (reply.resultCode() != OutgoingCallResult.CONNECTED.code()) {
            byCallId.remove(e.callId());
            allocator.release(e.callId());
            count("call.refused." + reply.result().map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                    .orElse("undefined"));
            events.callFailed(e.callId(), "Outgoing-Call-Reply " + describe(reply));
            return;
        }
        if (callIdByPeerCallId.containsKey(reply.callId())) {
            // Two calls with one PAC Call ID cannot be told apart in a Call-Disconnect-Notify or a
            // GRE key (3.2.2: "MUST be unique"): the PAC's state is suspect, so is the connection.
            count("rx.duplicate_peer_call_id");
            byCallId.remove(e.callId());
            allocator.release(e.callId());
            events.callFailed(e.callId(), "the PAC gave Call ID " + reply.callId() + " to two calls");
            suspect.accept("the PAC gave Call ID " + reply.callId() + " to two calls");
            return;
        }
        PptpCall call = new PptpCall(e.callId(), reply.callId(), reply.packetReceiveWindowSize(),
                PptpCall.processingDelay(reply.packetProcessingDelay()), settings.receiveWindow(), e.serialNumber(),
                reply.connectSpeed());
        byCallId.put(e.callId(), e.in(ClientCallState.ESTABLISHED, Optional.of(call), Timer.NONE));
        callIdByPeerCallId.put(call.peerCallId(), call.callId());
        count("call.up");
        events.callUp(call);
    }

    /** A Call-Disconnect-Notify names the PAC's Call ID (2.13): the call is over in either state. */
    void disconnected(ControlMessage.CallDisconnectNotify notify) {
        Integer callId = callIdByPeerCallId.get(notify.callId());
        if (callId == null) {
            count("rx.unknown_call");
            return;
        }
        Entry e = byCallId.get(callId);
        String reason = e.state() == ClientCallState.WAIT_DISCONNECT ? "cleared"
                : "PAC disconnected the call: " + describe(notify);
        remove(e, reason);
    }

    /** WAN-Error-Notify names our Call ID (2.14); a VPN end has no WAN, so it is only counted. */
    void wanError(ControlMessage.WanErrorNotify errors) {
        if (!byCallId.containsKey(errors.peerCallId())) {
            count("rx.unknown_call");
            return;
        }
        count("rx.wan_error_notify");
    }

    /**
     * Hangs up (3.2.4.2: "sends a Call-Clear-Request to the PAC and then enters the wait_disconnect
     * state"); a call still waiting for its reply is aborted the same way. False if there is no
     * such call or it is already being cleared.
     */
    boolean clear(int callId) {
        Entry e = byCallId.get(callId);
        if (e == null || e.state() == ClientCallState.WAIT_DISCONNECT) {
            return false;
        }
        e.timer().cancel();
        if (e.state() == ClientCallState.WAIT_REPLY) {
            // No Call ID from the PAC yet, so its Call-Disconnect-Notify could not be matched: done.
            byCallId.remove(callId);
            allocator.release(callId);
            events.send(new ControlMessage.CallClearRequest(callId));
            events.callFailed(callId, "aborted before the Outgoing-Call-Reply");
            return true;
        }
        byCallId.put(callId, e.in(ClientCallState.WAIT_DISCONNECT, e.call(), replyTimer(callId,
                "Call-Disconnect-Notify")));
        count("tx.call_clear_request");
        events.send(new ControlMessage.CallClearRequest(callId));
        return true;
    }

    /** Ends every call, each with a Call-Clear-Request first if {@code notify} (2.3: "clear all calls"). */
    void endAll(boolean notify, String reason) {
        for (Entry e : List.copyOf(byCallId.values())) {
            e.timer().cancel();
            if (notify && e.state() != ClientCallState.WAIT_DISCONNECT) {
                events.send(new ControlMessage.CallClearRequest(e.callId()));
            }
            remove(e, reason);
        }
    }

    private void remove(Entry e, String reason) {
        e.timer().cancel();
        byCallId.remove(e.callId());
        allocator.release(e.callId());
        if (e.call().isPresent()) {
            callIdByPeerCallId.remove(e.call().get().peerCallId());
            count("call.down");
            events.callDown(e.call().get(), reason);
        } else {
            count("call.failed");
            events.callFailed(e.callId(), reason);
        }
    }

    private Timer replyTimer(int callId, String awaited) {
        return scheduler.schedule(settings.replyTimeout(), () -> {
            if (byCallId.containsKey(callId)) {
                count("call.reply_timeout");
                suspect.accept("no " + awaited + " for call " + callId + " within "
                        + settings.replyTimeout().toSeconds() + " s");
            }
        });
    }

    private static String describe(ControlMessage.OutgoingCallReply reply) {
        String text = "result " + reply.resultCode() + reply.result().map(r -> " (" + r.description() + ")")
                .orElse("");
        if (reply.resultCode() == OutgoingCallResult.GENERAL_ERROR.code()) {
            text += ", error " + reply.errorCode() + GeneralError.of(reply.errorCode())
                    .map(CodePoint::description).map(d -> " (" + d + ")").orElse("");
        }
        return text;
    }

    private static String describe(ControlMessage.CallDisconnectNotify notify) {
        return "result " + notify.resultCode() + CallDisconnectResult.of(notify.resultCode())
                .map(r -> " (" + r.description() + ")").orElse("") + ", cause " + notify.causeCode();
    }

    Optional<ClientCallSnapshot> snapshot(int callId) {
        Entry e = byCallId.get(callId);
        return e == null ? Optional.empty() : Optional.of(new ClientCallSnapshot(e.callId(), e.state(), e.call()));
    }

    List<ClientCallSnapshot> snapshots() {
        List<ClientCallSnapshot> out = new ArrayList<>();
        for (Entry e : byCallId.values()) {
            out.add(new ClientCallSnapshot(e.callId(), e.state(), e.call()));
        }
        return out;
    }

    int size() {
        return byCallId.size();
    }

    private void count(String name) {
        ControlEnd.PNS.count(counters, name);
    }
}
