package io.cohort.pptp.control;

import io.cohort.pptp.call.CallIdAllocator;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.OutgoingCallResult;
import io.cohort.telemetry.Counters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The calls of one control connection, PAC side of outgoing calls (RFC 2637 3.2.4.1). Cohort has
 * no telephone line to dial, so an accepted Outgoing-Call-Request goes from idle through
 * wait_cs_ans to established at once: the reply is Connected. A call leaves established on a
 * Call-Clear-Request (Call-Disconnect-Notify, result 4), on a local clear (result 3 or the
 * caller's), or with its control connection. Calls are keyed by our Call ID and by the peer's
 * (Call-Clear-Request names the PNS's ID, 2.12).
 *
 * <p>Refusals (2.8): the per-connection limit is administrative, result 7 Do-Not-Accept; no
 * member-wide capacity or no free Call ID is result 2 with General Error 4 No-Resource; a Call
 * ID the peer already uses on this connection is result 2 with General Error 5 Bad-Call-ID.
 */
final class CallTable {
    private record Entry(PptpCall call, Optional<ControlMessage.SetLinkInfo> linkInfo,
            Optional<ControlMessage.WanErrorNotify> wanErrors) {
        Entry with(ControlMessage.SetLinkInfo info) {
            return new Entry(call, Optional.of(info), wanErrors);
        }

        Entry with(ControlMessage.WanErrorNotify errors) {
            return new Entry(call, linkInfo, Optional.of(errors));
        }
    }

    private final ControlSettings settings;
    private final CallIdAllocator allocator;
    private final CallCapacity capacity;
    private final ControlConnectionEvents events;
    private final Counters counters;
    private final Map<Integer, Entry> byCallId = new LinkedHashMap<>();
    private final Map<Integer, Integer> callIdByPeerCallId = new HashMap<>();

    CallTable(ControlSettings settings, CallIdAllocator allocator, CallCapacity capacity,
              ControlConnectionEvents events, Counters counters) {
        this.settings = settings;
        this.allocator = allocator;
        this.capacity = capacity;
        this.events = events;
        this.counters = counters;
    }

    /** Answers an Outgoing-Call-Request; on Connected the call is up. */
    void outgoingCall(ControlMessage.OutgoingCallRequest request) {
        if (byCallId.size() >= settings.maxCallsPerConnection()) {
            refuse(request, OutgoingCallResult.DO_NOT_ACCEPT, GeneralError.NONE, "per_connection_limit");
            return;
        }
        if (callIdByPeerCallId.containsKey(request.callId())) {
            refuse(request, OutgoingCallResult.GENERAL_ERROR, GeneralError.BAD_CALL_ID, "duplicate_peer_call_id");
            return;
        }
        switch (capacity.tryAcquire(request.callId())) {
            case ADMITTED -> { }
            case FULL -> {
                refuse(request, OutgoingCallResult.GENERAL_ERROR, GeneralError.NO_RESOURCE, "capacity");
                return;
            }
            case PEER_CALL_ID_IN_USE -> {
                // Our GRE to this host carries only its Call ID (4.1): a second call with it
                // from another connection would receive the first one's data.
                refuse(request, OutgoingCallResult.GENERAL_ERROR, GeneralError.BAD_CALL_ID,
                        "peer_call_id_in_use_by_host");
                return;
            }
        }
        OptionalInt id = allocator.allocate();
        if (id.isEmpty()) {
            capacity.release(request.callId());
            refuse(request, OutgoingCallResult.GENERAL_ERROR, GeneralError.NO_RESOURCE, "no_call_id");
            return;
        }
        PptpCall call = new PptpCall(id.getAsInt(), request.callId(), request.packetReceiveWindowSize(),
                PptpCall.processingDelay(request.packetProcessingDelay()), settings.receiveWindow(),
                request.callSerialNumber(), settings.connectSpeed());
        byCallId.put(call.callId(), new Entry(call, Optional.empty(), Optional.empty()));
        callIdByPeerCallId.put(call.peerCallId(), call.callId());
        count("call.up");
        events.send(new ControlMessage.OutgoingCallReply(call.callId(), call.peerCallId(),
                OutgoingCallResult.CONNECTED.code(), GeneralError.NONE.code(), 0, call.connectSpeed(),
                call.receiveWindow(), settings.processingDelay(), 0));
        events.callUp(call);
    }

    private void refuse(ControlMessage.OutgoingCallRequest request, OutgoingCallResult result, GeneralError error,
                        String why) {
        count("call.refused." + why);
        events.send(new ControlMessage.OutgoingCallReply(0, request.callId(), result.code(), error.code(), 0, 0,
                settings.receiveWindow(), settings.processingDelay(), 0));
    }

    /** Call-Clear-Request (2.12, by the PNS's Call ID): Call-Disconnect-Notify with result 4. */
    void clearRequested(ControlMessage.CallClearRequest request) {
        Integer callId = callIdByPeerCallId.get(request.callId());
        if (callId == null) {
            count("rx.unknown_call");
            return;
        }
        disconnect(callId, CallDisconnectResult.REQUEST, "peer sent Call-Clear-Request");
    }

    /**
     * A Call-Disconnect-Notify from the PNS. RFC 2637 has only the PAC send it (2.13), but some
     * clients hang up with it; the call is over either way, so it is taken down without a reply.
     * Its Call ID is looked up as the peer's, then as ours.
     */
    void peerDisconnected(ControlMessage.CallDisconnectNotify notify) {
        Integer callId = callIdByPeerCallId.get(notify.callId());
        if (callId == null && byCallId.containsKey(notify.callId())) {
            callId = notify.callId();
        }
        if (callId == null) {
            count("rx.unknown_call");
            return;
        }
        remove(callId, "peer sent Call-Disconnect-Notify (result " + notify.resultCode() + ")");
    }

    /** Set-Link-Info names our Call ID (2.15). */
    void linkInfo(ControlMessage.SetLinkInfo info) {
        Entry e = byCallId.get(info.peerCallId());
        if (e == null) {
            count("rx.unknown_call");
            return;
        }
        count("rx.set_link_info");
        byCallId.put(info.peerCallId(), e.with(info));
    }

    /** WAN-Error-Notify names the PNS's Call ID (2.14). */
    void wanError(ControlMessage.WanErrorNotify errors) {
        Integer callId = callIdByPeerCallId.get(errors.peerCallId());
        if (callId == null) {
            count("rx.unknown_call");
            return;
        }
        count("rx.wan_error_notify");
        byCallId.put(callId, byCallId.get(callId).with(errors));
    }

    /** Ends a call from our side with a Call-Disconnect-Notify; false if there is no such call. */
    boolean disconnect(int callId, CallDisconnectResult result, String reason) {
        if (!byCallId.containsKey(callId)) {
            return false;
        }
        events.send(new ControlMessage.CallDisconnectNotify(callId, result.code(), GeneralError.NONE.code(), 0, ""));
        remove(callId, reason);
        return true;
    }

    /** Whether a call of this connection has our Call ID {@code callId}. */
    boolean has(int callId) {
        return byCallId.containsKey(callId);
    }

    /** Ends every call, each with a Call-Disconnect-Notify if {@code notify} (2.3: "clear all calls" first). */
    void disconnectAll(boolean notify, String reason) {
        for (int callId : List.copyOf(byCallId.keySet())) {
            if (notify) {
                disconnect(callId, CallDisconnectResult.ADMIN_SHUTDOWN, reason);
            } else {
                remove(callId, reason);
            }
        }
    }

    private void remove(int callId, String reason) {
        Entry e = byCallId.remove(callId);
        callIdByPeerCallId.remove(e.call().peerCallId());
        capacity.release(e.call().peerCallId());
        allocator.release(callId);
        count("call.down");
        events.callDown(e.call(), reason);
    }

    /**
     * Takes on a call carried from another member, announcing nothing (see
     * {@link ControlConnection#rebuild}): it takes a slot of the member-wide capacity; its Call ID
     * must already be claimed from the allocator.
     *
     * @throws IllegalArgumentException if the Call ID is not claimed, or the capacity cannot hold the call
     */
    void restore(PptpCall call, PptpCallEssentialState essential) {
        if (call.callId() != essential.callId()) {
            throw new IllegalArgumentException("the call's records name Call IDs " + call.callId() + " and "
                    + essential.callId());
        }
        if (!allocator.inUse(call.callId())) {
            throw new IllegalArgumentException("Call ID " + call.callId() + " is not claimed from the allocator");
        }
        if (byCallId.containsKey(call.callId()) || callIdByPeerCallId.containsKey(call.peerCallId())) {
            throw new IllegalArgumentException("call " + call.callId() + " or peer call " + call.peerCallId()
                    + " is held already");
        }
        CallCapacity.Admission admission = capacity.tryAcquire(call.peerCallId());
        if (admission != CallCapacity.Admission.ADMITTED) {
            throw new IllegalArgumentException("cannot hold call " + call.callId() + ": " + admission);
        }
        byCallId.put(call.callId(), new Entry(call, essential.linkInfo(), essential.wanErrors()));
        callIdByPeerCallId.put(call.peerCallId(), call.callId());
        count("call.restored");
    }

    /** Each call's initial state, in the order the calls came up. */
    List<PptpCall> initialStates() {
        return byCallId.values().stream().map(Entry::call).toList();
    }

    /** Each call's essential state, in the order the calls came up. */
    List<PptpCallEssentialState> essentialStates() {
        return byCallId.values().stream()
                .map(e -> new PptpCallEssentialState(e.call().callId(), e.linkInfo(), e.wanErrors())).toList();
    }

    Optional<CallSnapshot> snapshot(int callId) {
        Entry e = byCallId.get(callId);
        return e == null ? Optional.empty() : Optional.of(new CallSnapshot(e.call(), e.linkInfo(), e.wanErrors()));
    }

    List<CallSnapshot> snapshots() {
        List<CallSnapshot> out = new ArrayList<>();
        for (Entry e : byCallId.values()) {
            out.add(new CallSnapshot(e.call(), e.linkInfo(), e.wanErrors()));
        }
        return out;
    }

    int size() {
        return byCallId.size();
    }

    private void count(String name) {
        ControlEnd.PAC.count(counters, name);
    }
}
