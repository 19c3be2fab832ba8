package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's {@link ClientControlConnection} against Cohort's own {@link ControlConnection},
 * back to back: every message is encoded with {@link PptpCodec} and fed to the other side as TCP
 * octets through its framer, in chunks of 7 octets, on one virtual clock.
 */
class ClientServerDialogueTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("pptp-test"), scheduler);
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private final List<String> transcript = new ArrayList<>();
    private final Counters clientCounters = new Counters();
    private final Counters serverCounters = new Counters();
    private final List<PptpCall> clientUp = new ArrayList<>();
    private final List<String> clientDown = new ArrayList<>();
    private final List<PptpCall> serverUp = new ArrayList<>();
    private final List<String> serverDown = new ArrayList<>();
    private final RandomCallIdAllocator serverIds = new RandomCallIdAllocator(new Random(1));
    private final RandomCallIdAllocator clientIds = new RandomCallIdAllocator(new Random(2));
    private String clientClosed;
    private String serverClosed;

    private final ControlConnection server = new ControlConnection(ControlSettings.DEFAULTS, scheduler, serverIds,
            new CallCapacity(1), new ControlConnectionEvents() {
                @Override public void send(ControlMessage m) {
                    carry("server", m, b -> client.receive(b));
                }

                @Override public void callUp(PptpCall call) {
                    serverUp.add(call);
                }

                @Override public void callDown(PptpCall call, String reason) {
                    serverDown.add(reason);
                }

                @Override public void closeTransport(String reason) {
                    serverClosed = reason;
                }
            }, serverCounters, log, "client");

    private final ClientControlConnection client = new ClientControlConnection(ClientControlSettings.DEFAULTS,
            scheduler, clientIds, new ClientControlEvents() {
                @Override public void send(ControlMessage m) {
                    carry("client", m, b -> server.receive(b));
                }

                @Override public void callUp(PptpCall call) {
                    clientUp.add(call);
                }

                @Override public void callFailed(int callId, String reason) {
                    clientDown.add("failed: " + reason);
                }

                @Override public void callDown(PptpCall call, String reason) {
                    clientDown.add(reason);
                }

                @Override public void closeTransport(String reason) {
                    clientClosed = reason;
                }
            }, clientCounters, log, "server");

    private void carry(String from, ControlMessage m, java.util.function.Consumer<ByteBuffer> to) {
        transcript.add(from + " " + m.type());
        byte[] octets = new byte[PptpCodec.encode(m).remaining()];
        PptpCodec.encode(m).get(octets);
        wire.add(() -> {
            for (int at = 0; at < octets.length; at += 7) {
                to.accept(ByteBuffer.wrap(octets, at, Math.min(7, octets.length - at)));
            }
        });
    }

    private void pump() {
        while (!wire.isEmpty()) {
            wire.poll().run();
        }
    }

    @Test
    void setsUpACallAndTearsItDown() {
        server.start();
        client.start();
        pump();
        assertThat(client.state()).isEqualTo(ClientControlState.ESTABLISHED);
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);
        assertThat(server.peerStart().orElseThrow().hostName()).isEqualTo("cohort-client");
        assertThat(client.peerStart().orElseThrow().hostName()).isEqualTo("cohort");

        int callId = client.placeCall().orElseThrow();
        pump();
        assertThat(clientUp).hasSize(1);
        assertThat(serverUp).hasSize(1);
        PptpCall c = clientUp.getFirst();
        PptpCall s = serverUp.getFirst();
        assertThat(c.callId()).isEqualTo(callId).isEqualTo(s.peerCallId());
        assertThat(s.callId()).isEqualTo(c.peerCallId());
        assertThat(c.peerReceiveWindow()).isEqualTo(s.receiveWindow());
        assertThat(s.peerReceiveWindow()).isEqualTo(c.receiveWindow());

        // Two silent minutes: both ends probe, both answer; nothing closes.
        for (int i = 0; i < 4; i++) {
            scheduler.advance(Duration.ofSeconds(30));
            pump();
        }
        assertThat(transcript).contains("client ECHO_REQUEST", "server ECHO_REPLY");
        assertThat(client.state()).isEqualTo(ClientControlState.ESTABLISHED);
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);

        assertThat(client.clearCall(callId)).isTrue();
        pump();
        assertThat(clientDown).containsExactly("cleared");
        assertThat(serverDown).containsExactly("peer sent Call-Clear-Request");
        assertThat(clientIds.allocated()).isZero();
        assertThat(serverIds.allocated()).isZero();

        client.shutdown(StopControlConnectionReason.NONE, "client done");
        pump();
        assertThat(client.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
        assertThat(clientClosed).isEqualTo("client done");
        assertThat(serverClosed).startsWith("peer stopped the control connection");

        assertThat(transcript.stream().filter(t -> !t.contains("ECHO")).toList()).containsExactly(
                "client START_CONTROL_CONNECTION_REQUEST",
                "server START_CONTROL_CONNECTION_REPLY",
                "client OUTGOING_CALL_REQUEST",
                "server OUTGOING_CALL_REPLY",
                "client CALL_CLEAR_REQUEST",
                "server CALL_DISCONNECT_NOTIFY",
                "client STOP_CONTROL_CONNECTION_REQUEST",
                "server STOP_CONTROL_CONNECTION_REPLY");
        assertThat(clientCounters.snapshot().keySet()).noneMatch(k -> k.contains(".rx."));
        assertThat(serverCounters.snapshot().keySet()).noneMatch(k -> k.contains(".rx."));
    }

    @Test
    void theServerShuttingDownEndsTheClientsCall() {
        server.start();
        client.start();
        pump();
        client.placeCall();
        pump();

        server.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "server maintenance");
        pump();
        assertThat(clientDown).containsExactly(
                "PAC disconnected the call: result 3 (Call disconnected for administrative reasons), cause 0");
        assertThat(transcript.subList(4, transcript.size())).containsExactly(
                "server CALL_DISCONNECT_NOTIFY",
                "server STOP_CONTROL_CONNECTION_REQUEST",
                "client STOP_CONTROL_CONNECTION_REPLY");
        assertThat(client.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
        assertThat(clientIds.allocated()).isZero();
    }

    @Test
    void aServerAtItsCallLimitRefusesAndTheClientSaysWhy() {
        server.start();
        client.start();
        pump();
        client.placeCall();
        int second = client.placeCall().orElseThrow();
        pump();

        assertThat(clientUp).hasSize(1);
        assertThat(clientDown).containsExactly("failed: Outgoing-Call-Reply result 2 (Outgoing Call not established "
                + "for the reason indicated in Error Code), error 4 (Insufficient resources to handle this command now)");
        assertThat(clientIds.inUse(second)).isFalse();
        assertThat(client.calls()).hasSize(1);
    }
}
