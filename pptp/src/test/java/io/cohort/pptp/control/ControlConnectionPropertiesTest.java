package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.CallDisconnectResult;
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
 * Random event sequences (any message, in any state; random octets; time passing; local clears
 * and shutdowns) never throw and always leave the connection in a defined state whose books
 * balance: calls up minus calls down equals the calls held, every held call owns one Call ID and
 * one capacity slot, and a closed connection holds none and closed its transport exactly once.
 */
@ExtendWith(FailingCaseReport.class)
class ControlConnectionPropertiesTest {
    /** One step of a scripted peer or of the owner. */
    sealed interface Step {
        void apply(ScriptedPns p);
    }

    record Message(ControlMessage message) implements Step {
        public void apply(ScriptedPns p) {
            p.connection.receive(message);
        }
    }

    record Octets(byte[] octets) implements Step {
        public void apply(ScriptedPns p) {
            p.connection.receive(ByteBuffer.wrap(octets));
        }

        @Override
        public String toString() {
            return "Octets[" + HexFormat.of().formatHex(octets) + "]";
        }
    }

    record Wait(int seconds) implements Step {
        public void apply(ScriptedPns p) {
            p.scheduler.advance(Duration.ofSeconds(seconds));
        }
    }

    record ClearFirst() implements Step {
        public void apply(ScriptedPns p) {
            p.connection.calls().stream().findFirst().ifPresent(c ->
                    p.connection.clearCall(c.call().callId(), CallDisconnectResult.LOST_CARRIER, "ppp down"));
        }
    }

    record Shutdown() implements Step {
        public void apply(ScriptedPns p) {
            p.connection.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "shutdown");
        }
    }

    /** A legal step eight times in seventeen, else any message, its octets, garbage, time or a local action. */
    static Step step(RandomValues r) {
        return switch (r.weightedIndex(8, 3, 2, 1, 2, 1)) {
            case 0 -> {
                int id = r.intBetween(0, 40);
                yield switch (id % 4) {
                    case 0 -> new Message(ScriptedPns.outgoingCall(id));
                    case 1 -> new Message(new ControlMessage.CallClearRequest(id - 1));
                    case 2 -> new Message(new ControlMessage.EchoRequest(id));
                    default -> new Message(ScriptedPns.startRequest(0x0100));
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
            default -> r.oneOf(new ClearFirst(), new Shutdown());
        };
    }

    static Stream<Arguments> scripts() {
        return SeededCases.of(300, r -> Arguments.of(r.listOf(0, 60, ControlConnectionPropertiesTest::step)));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void neverThrowsAndTheBooksBalance(List<Step> script) {
        ControlSettings settings = ControlSettings.DEFAULTS.withMaxCallsPerConnection(5);
        ScriptedPns p = new ScriptedPns(settings, 8);
        p.connection.receive(ScriptedPns.startRequest(0x0100));
        for (Step s : script) {
            s.apply(p);
            ControlState state = p.connection.state();
            assertThat(state).isNotNull();
            int held = p.connection.calls().size();
            assertThat(p.up.size() - p.down.size()).isEqualTo(held);
            assertThat(p.allocator.allocated()).isEqualTo(held);
            assertThat(p.capacity.used()).isEqualTo(held);
            assertThat(held).isLessThanOrEqualTo(5);
            assertThat(p.closes).isLessThanOrEqualTo(1);
            if (state == ControlState.CLOSED) {
                assertThat(held).isZero();
                assertThat(p.closes).isEqualTo(1);
            } else {
                assertThat(p.closes).isZero();
            }
            if (state != ControlState.ESTABLISHED) {
                assertThat(held).isZero();
            }
        }
        p.scheduler.advance(Duration.ofMinutes(5)); // every timer ends in a closed connection or an echo
        assertThat(p.connection.state()).isIn(ControlState.ESTABLISHED, ControlState.CLOSED);
    }
}
