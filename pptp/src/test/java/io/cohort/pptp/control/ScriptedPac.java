package io.cohort.pptp.control;

import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link ClientControlConnection} on virtual time with everything it emits recorded, and canned
 * server messages (what Cohort's {@link ControlConnection} sends). The mirror of {@link ScriptedPns}.
 */
final class ScriptedPac implements ClientControlEvents {
    static final int PAC_CALL = 0x2222;

    final VirtualScheduler scheduler = new VirtualScheduler();
    final Counters counters = new Counters();
    final RandomCallIdAllocator allocator = new RandomCallIdAllocator(new Random(11));
    final ClientControlConnection connection;
    final List<ControlMessage> sent = new ArrayList<>();
    final List<PptpCall> up = new ArrayList<>();
    int placed;
    final List<String> failed = new ArrayList<>();
    final List<String> down = new ArrayList<>();
    ControlMessage.StartControlConnectionReply established;
    String closed;
    int closes;

    ScriptedPac() {
        this(ClientControlSettings.DEFAULTS);
    }

    ScriptedPac(ClientControlSettings settings) {
        connection = new ClientControlConnection(settings, scheduler, allocator, this, counters,
                RateLimitedLog.standard(System.getLogger("pptp-test"), scheduler), "192.0.2.1:1723");
        connection.start();
    }

    static ControlMessage.StartControlConnectionReply startReply(int version, int result) {
        return new ControlMessage.StartControlConnectionReply(version, result, 0, ControlMessage.ASYNC
                | ControlMessage.SYNC, ControlMessage.ANALOG | ControlMessage.DIGITAL, 1000, 1, "cohort", "Cohort");
    }

    static ControlMessage.OutgoingCallReply callReply(int ourCallId, int result, int error) {
        return new ControlMessage.OutgoingCallReply(result == 1 ? PAC_CALL : 0, ourCallId, result, error, 0,
                100_000_000L, 32, 5, 0);
    }

    /** Runs the start exchange; the connection is then established. */
    ScriptedPac established() {
        connection.receive(startReply(ControlMessage.PROTOCOL_VERSION, 1));
        sent.clear();
        return this;
    }

    /** Places a call if established (counted in {@link #placed}). */
    void place() {
        if (connection.state() == ClientControlState.ESTABLISHED && connection.placeCall().isPresent()) {
            placed++;
        }
    }

    /** Places a call and lets the server connect it; returns it. */
    PptpCall call() {
        int id = connection.placeCall().orElseThrow();
        placed++;
        connection.receive(callReply(id, 1, 0));
        return up.getLast();
    }

    List<ControlMessageType> sentTypes() {
        return sent.stream().map(ControlMessage::type).toList();
    }

    @SuppressWarnings("unchecked")
    <T extends ControlMessage> T last(Class<T> type) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (type.isInstance(sent.get(i))) {
                return (T) sent.get(i);
            }
        }
        throw new AssertionError("nothing of " + type.getSimpleName() + " sent: " + sent);
    }

    @Override public void send(ControlMessage message) {
        sent.add(message);
    }

    @Override public void established(ControlMessage.StartControlConnectionReply reply) {
        established = reply;
    }

    @Override public void callUp(PptpCall call) {
        up.add(call);
    }

    @Override public void callFailed(int callId, String reason) {
        failed.add(reason);
    }

    @Override public void callDown(PptpCall call, String reason) {
        down.add(reason);
    }

    @Override public void closeTransport(String reason) {
        closed = reason;
        closes++;
    }
}
