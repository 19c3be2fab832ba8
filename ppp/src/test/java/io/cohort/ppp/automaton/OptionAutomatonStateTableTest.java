package io.cohort.ppp.automaton;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives a real automaton into every state, fires every event and compares the observed
 * actions and next state with RFC 1661 section 4.1's table, read from a verbatim copy of the
 * RFC text (src/test/resources/rfc1661-4.1-state-table.txt), not from the production table.
 */
class OptionAutomatonStateTableTest {
    private static final Map<String, AutomatonEvent> EVENTS = Map.ofEntries(
            Map.entry("Up", AutomatonEvent.UP), Map.entry("Down", AutomatonEvent.DOWN),
            Map.entry("Open", AutomatonEvent.OPEN), Map.entry("Close", AutomatonEvent.CLOSE),
            Map.entry("TO+", AutomatonEvent.TO_PLUS), Map.entry("TO-", AutomatonEvent.TO_MINUS),
            Map.entry("RCR+", AutomatonEvent.RCR_PLUS), Map.entry("RCR-", AutomatonEvent.RCR_MINUS),
            Map.entry("RCA", AutomatonEvent.RCA), Map.entry("RCN", AutomatonEvent.RCN),
            Map.entry("RTR", AutomatonEvent.RTR), Map.entry("RTA", AutomatonEvent.RTA),
            Map.entry("RUC", AutomatonEvent.RUC), Map.entry("RXJ+", AutomatonEvent.RXJ_PLUS),
            Map.entry("RXJ-", AutomatonEvent.RXJ_MINUS), Map.entry("RXR", AutomatonEvent.RXR));

    record Cell(AutomatonState state, AutomatonEvent event, String rfcCell) { }

    static Stream<Arguments> rfcCells() throws IOException {
        List<Arguments> out = new ArrayList<>();
        String text;
        try (InputStream in = OptionAutomatonStateTableTest.class.getResourceAsStream("/rfc1661-4.1-state-table.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        int firstState = -1;
        for (String line : text.split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                continue;
            }
            String head = line.substring(0, bar).trim();
            String[] cells = line.substring(bar + 1).trim().split("\\s+");
            if (head.equals("Events")) {
                firstState = cells[0].equals("Initial") ? 0 : 6;
                continue;
            }
            AutomatonEvent event = EVENTS.get(head);
            if (event == null) {
                continue;
            }
            for (int i = 0; i < cells.length; i++) {
                AutomatonState s = AutomatonState.values()[firstState + i];
                out.add(Arguments.of(s, event, cells[i]));
            }
        }
        assertThat(out).hasSize(16 * 10);
        return out.stream();
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @MethodSource("rfcCells")
    void matchesRfc1661Table(AutomatonState state, AutomatonEvent event, String rfcCell) {
        RecordingProtocol p = new RecordingProtocol();
        driveInto(p, state);
        assertThat(p.automaton.state()).isEqualTo(state);
        p.actions.clear();

        fire(p, event);

        if (rfcCell.equals("-")) {
            assertThat(p.automaton.state()).isEqualTo(state);
            assertThat(p.actions).isEmpty();
            if (event != AutomatonEvent.TO_PLUS && event != AutomatonEvent.TO_MINUS) {
                assertThat(p.counters.get("test.illegal_event")).isEqualTo(1);
            }
            return;
        }
        if ((state == AutomatonState.ACK_RCVD || state == AutomatonState.OPENED)
                && (event == AutomatonEvent.RCA || event == AutomatonEvent.RCN)) {
            // Deliberate deviation (as pppd): in these states our request was already answered,
            // so a further reply is stale and silently discarded (RFC 1661 5.2-5.4) instead of
            // restarting negotiation; this keeps duplicated packets harmless.
            assertThat(p.automaton.state()).isEqualTo(state);
            assertThat(p.actions).isEmpty();
            assertThat(p.counters.get("test.rx.stale_reply")).isEqualTo(1);
            return;
        }
        String cell = rfcCell.replaceAll("[a-z]$", "");
        int slash = cell.indexOf('/');
        AutomatonState next = AutomatonState.values()[Integer.parseInt(cell.substring(slash + 1))];
        List<String> rfcActions = slash < 0 ? List.of() : Arrays.asList(cell.substring(0, slash).split(","));
        List<String> observable = rfcActions.stream().filter(a -> !a.equals("irc") && !a.equals("zrc")).toList();

        assertThat(p.automaton.state()).isEqualTo(next);
        assertThat(p.actions).containsExactlyElementsOf(observable);
        if (rfcActions.contains("zrc")) {
            assertThat(p.automaton.restartCount()).isZero();
        } else if (rfcActions.contains("irc")) {
            int max = rfcActions.contains("str") ? RecordingProtocol.POLICY.maxTerminate()
                    : RecordingProtocol.POLICY.maxConfigure();
            long sends = observable.stream().filter(a -> a.equals("scr") || a.equals("str")).count();
            assertThat(p.automaton.restartCount()).isEqualTo(max - sends);
        }
        assertThat(p.scheduler.pendingCount() > 0).isEqualTo(next.timerRuns());
    }

    private static void driveInto(RecordingProtocol p, AutomatonState target) {
        OptionAutomaton a = p.automaton;
        switch (target) {
            case INITIAL -> { }
            case STARTING -> a.open();
            case CLOSED -> a.up();
            case STOPPED -> {
                a.up();
                a.open();
                a.restartCountForTest(0);
                a.timeoutForTest();
            }
            case CLOSING -> {
                driveInto(p, AutomatonState.REQ_SENT);
                a.close();
            }
            case STOPPING -> {
                driveInto(p, AutomatonState.OPENED);
                a.receive(new ControlPacket(ControlCode.TERMINATE_REQUEST, 7, new byte[0]));
            }
            case REQ_SENT -> {
                a.up();
                a.open();
            }
            case ACK_RCVD -> {
                driveInto(p, AutomatonState.REQ_SENT);
                a.receive(p.matchingAck());
            }
            case ACK_SENT -> {
                driveInto(p, AutomatonState.REQ_SENT);
                a.receive(RecordingProtocol.goodRequest());
            }
            case OPENED -> {
                driveInto(p, AutomatonState.ACK_SENT);
                a.receive(p.matchingAck());
            }
        }
    }

    private static void fire(RecordingProtocol p, AutomatonEvent event) {
        OptionAutomaton a = p.automaton;
        switch (event) {
            case UP -> a.up();
            case DOWN -> a.down();
            case OPEN -> a.open();
            case CLOSE -> a.close();
            case TO_PLUS -> {
                a.restartCountForTest(1);
                fireTimer(p);
            }
            case TO_MINUS -> {
                a.restartCountForTest(0);
                fireTimer(p);
            }
            case RCR_PLUS -> a.receive(RecordingProtocol.goodRequest());
            case RCR_MINUS -> a.receive(RecordingProtocol.badRequest());
            case RCA -> a.receive(p.matchingAck());
            case RCN -> a.receive(p.matchingNak());
            case RTR -> a.receive(new ControlPacket(ControlCode.TERMINATE_REQUEST, 42, new byte[0]));
            case RTA -> a.receive(new ControlPacket(ControlCode.TERMINATE_ACK, 42, new byte[0]));
            case RUC -> a.receive(new ControlPacket(0x30, 1, new byte[0]));
            case RXJ_PLUS -> a.receive(new ControlPacket(ControlCode.CODE_REJECT, 3, new byte[] {9, 1, 0, 4}));
            case RXJ_MINUS -> a.receive(new ControlPacket(ControlCode.CODE_REJECT, 3, new byte[] {1, 1, 0, 4}));
            case RXR -> a.receive(new ControlPacket(RecordingProtocol.ECHO, 5, new byte[4]));
        }
    }

    /** Fires the restart timer through virtual time where it runs, directly where the RFC forbids it. */
    private static void fireTimer(RecordingProtocol p) {
        if (p.scheduler.pendingCount() > 0) {
            p.scheduler.advance(RecordingProtocol.POLICY.restartInterval());
        } else {
            p.automaton.timeoutForTest();
        }
    }
}
