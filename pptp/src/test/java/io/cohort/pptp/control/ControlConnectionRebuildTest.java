package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.wire.ControlMessage;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A PAC {@link ControlConnection} rebuilt from its records on another member, with the PNS
 * ({@link ClientControlConnection}) on the other end noticing nothing: the same TCP byte stream
 * (encoded with {@link PptpCodec}, fed in chunks of 7 octets) simply reaches the new engine, on
 * one virtual clock. The old engine is silenced, as a member that died would be.
 */
class ControlConnectionRebuildTest {
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
    private final RandomCallIdAllocator clientIds = new RandomCallIdAllocator(new Random(2));
    private String clientClosed;
    private String serverClosed;
    /** Which server engine is alive: events of any other are dropped. */
    private int generation;
    private ControlConnection server;

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

    private ControlConnectionEvents serverEvents() {
        int mine = ++generation;
        return new ControlConnectionEvents() {
            @Override public void send(ControlMessage m) {
                if (mine == generation) {
                    carry("server", m, b -> client.receive(b));
                }
            }

            @Override public void callUp(PptpCall call) {
                serverUp.add(call);
            }

            @Override public void callDown(PptpCall call, String reason) {
                if (mine == generation) {
                    serverDown.add(reason);
                }
            }

            @Override public void closeTransport(String reason) {
                if (mine == generation) {
                    serverClosed = reason;
                }
            }
        };
    }

    private void carry(String from, ControlMessage m, Consumer<ByteBuffer> to) {
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

    /** The original PAC, with the PNS connected and one call up. */
    private int establishWithOneCall(RandomCallIdAllocator serverIds) {
        server = new ControlConnection(ControlSettings.DEFAULTS, scheduler, serverIds, new CallCapacity(4),
                serverEvents(), serverCounters, log, "client");
        server.start();
        client.start();
        pump();
        int callId = client.placeCall().orElseThrow();
        pump();
        assertThat(serverUp).hasSize(1);
        return callId;
    }

    /** Another member takes the connection on from the records: it claims the Call IDs, then rebuilds. */
    private RandomCallIdAllocator takeOver(ControlConnectionInitialState initial, List<PptpCall> calls,
            ControlConnectionEssentialState essential) {
        RandomCallIdAllocator ids = new RandomCallIdAllocator(new Random(3));
        calls.forEach(c -> assertThat(ids.claim(c.callId())).isTrue());
        server = ControlConnection.rebuild(initial, calls, essential, ControlSettings.DEFAULTS, scheduler, ids,
                new CallCapacity(4), serverEvents(), serverCounters, log, "client");
        return ids;
    }

    @Test
    void aRebuiltPacCarriesOnWithThePns() {
        int firstCall = establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        scheduler.advance(Duration.ofSeconds(30));
        pump();
        ControlConnectionInitialState initial = server.initialState().orElseThrow();
        List<PptpCall> calls = server.callInitialStates();
        ControlConnectionEssentialState essential = server.essentialState().orElseThrow();
        assertThat(initial.peerStart().hostName()).isEqualTo("cohort-client");
        assertThat(calls).containsExactlyElementsOf(serverUp);
        assertThat(essential.state()).isEqualTo(ControlState.ESTABLISHED);

        RandomCallIdAllocator ids = takeOver(initial, calls, essential);
        assertThat(server.initialState()).contains(initial);
        assertThat(server.callInitialStates()).isEqualTo(calls);
        assertThat(server.essentialState()).contains(essential);
        assertThat(serverCounters.get("pptp.control.resumed")).isEqualTo(1);
        assertThat(serverCounters.get("pptp.control.call.restored")).isEqualTo(1);
        assertThat(server.calls()).extracting(CallSnapshot::call).containsExactlyElementsOf(calls);
        transcript.clear();

        // Two silent minutes: the PNS probes and the new PAC answers; the PAC probes too.
        for (int i = 0; i < 4; i++) {
            scheduler.advance(Duration.ofSeconds(30));
            pump();
        }
        assertThat(transcript).contains("client ECHO_REQUEST", "server ECHO_REPLY", "server ECHO_REQUEST",
                "client ECHO_REPLY");
        assertThat(server.essentialState().orElseThrow().echoIdentifier())
                .isGreaterThan(essential.echoIdentifier());
        assertThat(client.state()).isEqualTo(ClientControlState.ESTABLISHED);
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);

        // A second call on the new PAC, with a Call ID other than the carried one's.
        int secondCall = client.placeCall().orElseThrow();
        pump();
        assertThat(clientUp).hasSize(2);
        assertThat(serverUp).hasSize(2);
        assertThat(serverUp.get(1).callId()).isNotEqualTo(calls.getFirst().callId());
        assertThat(server.calls()).hasSize(2);

        // The carried call is cleared by the PNS: the new PAC answers with Call-Disconnect-Notify.
        transcript.clear();
        assertThat(client.clearCall(firstCall)).isTrue();
        pump();
        assertThat(transcript).containsExactly("client CALL_CLEAR_REQUEST", "server CALL_DISCONNECT_NOTIFY");
        assertThat(clientDown).containsExactly("cleared");
        assertThat(serverDown).containsExactly("peer sent Call-Clear-Request");
        assertThat(ids.inUse(calls.getFirst().callId())).isFalse();
        assertThat(server.calls()).extracting(c -> c.call().peerCallId()).containsExactly(secondCall);

        assertThat(clientClosed).isNull();
        assertThat(serverClosed).isNull();
        assertThat(clientCounters.snapshot().keySet()).noneMatch(k -> k.contains(".rx."));
        assertThat(serverCounters.snapshot().keySet()).noneMatch(k -> k.contains(".rx."));
    }

    @Test
    void anOutstandingEchoRequestIsAnsweredToTheNewPac() {
        establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        scheduler.advance(Duration.ofSeconds(60)); // the PAC probes; its Echo-Request is on the wire
        ControlConnectionEssentialState essential = server.essentialState().orElseThrow();
        assertThat(essential.echoOutstanding()).isTrue();
        assertThat(essential.echoIdentifier()).isEqualTo(1);

        takeOver(server.initialState().orElseThrow(), server.callInitialStates(), essential);
        pump();

        assertThat(server.essentialState().orElseThrow().echoOutstanding()).isFalse();
        assertThat(serverCounters.snapshot().keySet()).noneMatch(k -> k.contains(".rx."));
        scheduler.advance(Duration.ofSeconds(90));
        pump();
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void anUnansweredEchoRequestStillTimesOutOnTheNewPac() {
        establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        scheduler.advance(Duration.ofSeconds(60));
        wire.clear(); // the Echo-Request is lost with the old member
        takeOver(server.initialState().orElseThrow(), server.callInitialStates(),
                server.essentialState().orElseThrow());

        scheduler.advance(Duration.ofSeconds(59));
        assertThat(serverClosed).isNull();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(serverClosed).isEqualTo("no Echo-Reply within 60 s");
        assertThat(serverDown).hasSize(1);
    }

    @Test
    void aPacStoppingWhenTakenOverClosesOnThePnsReply() {
        establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        server.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "maintenance");
        ControlConnectionEssentialState essential = server.essentialState().orElseThrow();
        assertThat(essential.state()).isEqualTo(ControlState.WAIT_STOP_REPLY);
        assertThat(essential.calls()).isEmpty();

        takeOver(server.initialState().orElseThrow(), List.of(), essential);
        pump();

        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
        assertThat(client.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(serverClosed).isEqualTo("stopping when taken over");
    }

    @Test
    void aPacStoppingWhenTakenOverClosesAfterTheStopReplyTimeout() {
        establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        server.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "maintenance");
        wire.clear();
        takeOver(server.initialState().orElseThrow(), List.of(), server.essentialState().orElseThrow());

        scheduler.advance(Duration.ofSeconds(60));
        assertThat(serverClosed).isEqualTo("stopping when taken over; no Stop-Control-Connection-Reply");
    }

    @Test
    void onlyAnEstablishedOrStoppingConnectionHasEssentialState() {
        server = new ControlConnection(ControlSettings.DEFAULTS, scheduler, new RandomCallIdAllocator(new Random(1)),
                new CallCapacity(4), serverEvents(), serverCounters, log, "client");
        assertThat(server.initialState()).isEmpty();
        assertThat(server.essentialState()).isEmpty();
        server.transportClosed("gone");
        assertThat(server.essentialState()).isEmpty();
    }

    @Test
    void aCarriedCallNeedsItsInitialStateAndItsClaimedCallId() {
        establishWithOneCall(new RandomCallIdAllocator(new Random(1)));
        ControlConnectionInitialState initial = server.initialState().orElseThrow();
        List<PptpCall> calls = server.callInitialStates();
        ControlConnectionEssentialState essential = server.essentialState().orElseThrow();

        assertThatThrownBy(() -> takeOver(initial, List.of(), essential))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no initial state");
        assertThatThrownBy(() -> ControlConnection.rebuild(initial, calls, essential, ControlSettings.DEFAULTS,
                scheduler, new RandomCallIdAllocator(new Random(3)), new CallCapacity(4), serverEvents(),
                serverCounters, log, "client"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not claimed");
        assertThatThrownBy(() -> new ControlConnectionEssentialState(ControlState.IDLE, 0, false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlConnectionEssentialState(ControlState.WAIT_STOP_REPLY, 0, false,
                essential.calls())).isInstanceOf(IllegalArgumentException.class);
    }
}
