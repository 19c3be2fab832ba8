package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any records of a PAC {@link ControlConnection} round-trip: the connection rebuilt from them gives
 * the same records back, and answers a Call-Clear-Request for each carried call (2.12, by the
 * peer's Call ID) with a Call-Disconnect-Notify naming our Call ID (2.13).
 */
@ExtendWith(FailingCaseReport.class)
class ControlConnectionStatePropertiesTest {

    static Stream<Arguments> records() {
        return SeededCases.of(300, r -> {
            ControlConnectionInitialState initial = new ControlConnectionInitialState(
                    new ControlMessage.StartControlConnectionRequest(r.intBetween(0x0100, 0xFFFF), u32(r), u32(r),
                            u16(r), u16(r), r.string(0, 64, '\u0001', '\u00FF'), r.string(0, 64, '\u0001', '\u00FF')));
            boolean stopping = r.chance(0.2);
            List<Integer> callIds = stopping ? List.of() : r.uniqueListOf(0, 16, v -> v.intBetween(1, 0xFFFF), x -> x);
            List<Integer> peerCallIds = r.uniqueListOf(callIds.size(), callIds.size(), ControlConnectionStatePropertiesTest::u16,
                    x -> x);
            List<PptpCall> calls = new ArrayList<>();
            List<PptpCallEssentialState> callStates = new ArrayList<>();
            for (int i = 0; i < Math.min(callIds.size(), peerCallIds.size()); i++) {
                int callId = callIds.get(i);
                int peerCallId = peerCallIds.get(i);
                calls.add(new PptpCall(callId, peerCallId, u16(r), PptpCall.processingDelay(u16(r)),
                        r.intBetween(1, 0xFFFF), u16(r), u32(r)));
                callStates.add(new PptpCallEssentialState(callId,
                        r.bool() ? Optional.of(new ControlMessage.SetLinkInfo(callId, u32(r), u32(r))) : Optional.empty(),
                        r.bool() ? Optional.of(new ControlMessage.WanErrorNotify(peerCallId, u32(r), u32(r), u32(r),
                                u32(r), u32(r), u32(r))) : Optional.empty()));
            }
            long echoIdentifier = stopping ? 0 : u32(r);
            ControlConnectionEssentialState essential = new ControlConnectionEssentialState(
                    stopping ? ControlState.WAIT_STOP_REPLY : ControlState.ESTABLISHED, echoIdentifier,
                    echoIdentifier != 0 && r.bool(), callStates);
            return Arguments.of(initial, calls, essential);
        });
    }

    private static int u16(RandomValues r) {
        return r.intBetween(0, 0xFFFF);
    }

    private static long u32(RandomValues r) {
        return r.longBetween(0, 0xFFFF_FFFFL);
    }

    @ParameterizedTest
    @MethodSource("records")
    void aRebuiltConnectionGivesItsRecordsBackAndKnowsItsCalls(ControlConnectionInitialState initial,
            List<PptpCall> calls, ControlConnectionEssentialState essential) {
        VirtualScheduler scheduler = new VirtualScheduler();
        RandomCallIdAllocator ids = new RandomCallIdAllocator(new Random(1));
        calls.forEach(c -> assertThat(ids.claim(c.callId())).isTrue());
        List<ControlMessage> sent = new ArrayList<>();
        ControlConnection c = ControlConnection.rebuild(initial, calls, essential, ControlSettings.DEFAULTS,
                scheduler, ids, new CallCapacity(16), new ControlConnectionEvents() {
                    @Override public void send(ControlMessage m) {
                        sent.add(m);
                    }

                    @Override public void callUp(PptpCall call) {
                        throw new AssertionError("a carried call is not announced again");
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                    }

                    @Override public void closeTransport(String reason) {
                    }
                }, new Counters(), RateLimitedLog.standard(System.getLogger("pptp-test"), scheduler), "peer");

        assertThat(c.initialState()).contains(initial);
        assertThat(c.callInitialStates()).isEqualTo(calls);
        assertThat(c.essentialState()).contains(essential);
        assertThat(sent).isEmpty();

        for (PptpCall call : calls) {
            c.receive(new ControlMessage.CallClearRequest(call.peerCallId()));
            assertThat(sent.getLast()).isEqualTo(new ControlMessage.CallDisconnectNotify(call.callId(),
                    CallDisconnectResult.REQUEST.code(), 0, 0, ""));
            assertThat(ids.inUse(call.callId())).isFalse();
        }
        assertThat(c.calls()).isEmpty();
        assertThat(c.state()).isEqualTo(essential.state());
    }
}
