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
 * A {@link ControlConnection} on virtual time with everything it emits recorded, and canned
 * messages shaped like those of the stock Linux client {@code pptp-linux} (host name "local",
 * vendor "cananian", protocol version 1.0).
 */
final class ScriptedPns implements ControlConnectionEvents {
    final VirtualScheduler scheduler = new VirtualScheduler();
    final Counters counters = new Counters();
    final RandomCallIdAllocator allocator = new RandomCallIdAllocator(new Random(7));
    final CallCapacity capacity;
    final ControlConnection connection;
    final List<ControlMessage> sent = new ArrayList<>();
    final List<PptpCall> up = new ArrayList<>();
    final List<String> down = new ArrayList<>();
    final List<PptpCall> downCalls = new ArrayList<>();
    String closed;
    int closes;

    ScriptedPns() {
        this(ControlSettings.DEFAULTS, 1000);
    }

    ScriptedPns(ControlSettings settings, int totalCalls) {
        capacity = new CallCapacity(totalCalls);
        connection = new ControlConnection(settings, scheduler, allocator, capacity, this, counters,
                RateLimitedLog.standard(System.getLogger("pptp-test"), scheduler), "192.0.2.7:40000");
        connection.start();
    }

    static ControlMessage.StartControlConnectionRequest startRequest(int version) {
        return new ControlMessage.StartControlConnectionRequest(version, ControlMessage.ASYNC,
                ControlMessage.ANALOG | ControlMessage.DIGITAL, 0, 1, "local", "cananian");
    }

    static ControlMessage.OutgoingCallRequest outgoingCall(int peerCallId) {
        return new ControlMessage.OutgoingCallRequest(peerCallId, 1, 2400, 10_000_000, 3, 3, 64, 0, 0, "", "");
    }

    /** Runs the start exchange; the connection is then established. */
    ScriptedPns established() {
        connection.receive(startRequest(ControlMessage.PROTOCOL_VERSION));
        sent.clear();
        return this;
    }

    /** Places a call with this peer Call ID and returns ours. */
    PptpCall call(int peerCallId) {
        connection.receive(outgoingCall(peerCallId));
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

    @Override public void callUp(PptpCall call) {
        up.add(call);
    }

    @Override public void callDown(PptpCall call, String reason) {
        downCalls.add(call);
        down.add(reason);
    }

    @Override public void closeTransport(String reason) {
        closed = reason;
        closes++;
    }
}
