package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.pptp.wire.RandomControlMessages;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random event sequences against the client's {@link ClientControlConnection} (any server
 * message in any state, replies to its own calls, random octets, time passing, calls placed and
 * cleared, shutdowns) never throw, and the books balance: calls placed minus calls failed or down
 * equals the calls held, each held call owns one Call ID, and a closed connection holds none and
 * closed its transport exactly once.
 */
@ExtendWith(FailingCaseReport.class)
class ClientControlConnectionPropertiesTest {
    sealed interface Step {
        void apply(ScriptedPac p);
    }

    record Message(ControlMessage message) implements Step {
        public void apply(ScriptedPac p) {
            p.connection.receive(message);
        }
    }

    /** The server answers the oldest call waiting for its reply. */
    record Reply(int pacCallId, int result) implements Step {
        public void apply(ScriptedPac p) {
            p.connection.calls().stream().filter(c -> c.state() == ClientCallState.WAIT_REPLY).findFirst()
                    .ifPresent(c -> p.connection.receive(new ControlMessage.OutgoingCallReply(pacCallId, c.callId(),
                            result, 0, 0, 64000, 16, 1, 0)));
        }
    }

    /** The server disconnects the oldest connected call. */
    record Disconnect() implements Step {
        public void apply(ScriptedPac p) {
            p.connection.calls().stream().filter(c -> c.call().isPresent()).findFirst().ifPresent(c ->
                    p.connection.receive(new ControlMessage.CallDisconnectNotify(c.call().get().peerCallId(), 1, 0, 0,
                            "")));
        }
    }

    record Octets(byte[] octets) implements Step {
        public void apply(ScriptedPac p) {
            p.connection.receive(ByteBuffer.wrap(octets));
        }

        @Override
        public String toString() {
            return "Octets[" + HexFormat.of().formatHex(octets) + "]";
        }
    }

    record Wait(int seconds) implements Step {
        public void apply(ScriptedPac p) {
            p.scheduler.advance(Duration.ofSeconds(seconds));
        }
    }

    record Place() implements Step {
        public void apply(ScriptedPac p) {
            p.place();
        }
    }

    record ClearFirst() implements Step {
        public void apply(ScriptedPac p) {
            p.connection.calls().stream().findFirst().ifPresent(c -> p.connection.clearCall(c.callId()));
        }
    }

    record Shutdown() implements Step {
        public void apply(ScriptedPac p) {
            p.connection.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "shutdown");
        }
    }

    /** A legal step eight times in nineteen, else any message, its octets, garbage, time or a local action. */
    static Step step(RandomValues r) {
        return switch (r.weightedIndex(8, 2, 1, 1, 2, 5)) {
            case 0 -> {
                int id = r.intBetween(0, 400);
                yield switch (id % 5) {
                    case 0 -> new Reply(id, 1);
                    case 1 -> new Reply(id, 1 + id % 7);
                    case 2 -> new Disconnect();
                    case 3 -> new Message(new ControlMessage.EchoRequest(id));
                    default -> new Message(ScriptedPac.startReply(0x0100, 1));
                };
            }
            case 1 -> new Message(RandomControlMessages.anyMessage(r));
            case 2 -> {
                ByteBuffer encoded = PptpCodec.encode(RandomControlMessages.anyMessage(r));
                byte[] b = new byte[encoded.remaining()];
                encoded.get(b);
                yield new Octets(b);
            }
            case 3 -> new Octets(r.bytes(0, 40));
            case 4 -> new Wait(r.intBetween(1, 90));
            default -> r.oneOf(new Place(), new Place(), new ClearFirst(), new Shutdown());
        };
    }

    static Stream<Arguments> scripts() {
        return SeededCases.of(300, r -> Arguments.of(r.listOf(0, 60, ClientControlConnectionPropertiesTest::step)));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void neverThrowsAndTheBooksBalance(List<Step> script) {
        ScriptedPac p = new ScriptedPac();
        p.connection.receive(ScriptedPac.startReply(0x0100, 1));
        for (Step s : script) {
            s.apply(p);
            ClientControlState state = p.connection.state();
            int held = p.connection.calls().size();
            assertThat(p.placed - p.failed.size() - p.down.size()).isEqualTo(held);
            assertThat(p.allocator.allocated()).isEqualTo(held);
            assertThat(p.closes).isLessThanOrEqualTo(state == ClientControlState.CLOSED ? 1 : 0);
            if (state == ClientControlState.CLOSED) {
                assertThat(p.closes).isEqualTo(1);
            }
            if (state != ClientControlState.ESTABLISHED) {
                assertThat(held).isZero();
            }
        }
        p.scheduler.advance(Duration.ofMinutes(5)); // every timer ends in a closed connection or an echo
        assertThat(p.connection.state()).isIn(ClientControlState.ESTABLISHED, ClientControlState.CLOSED);
    }
}
