package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.pptp.wire.WireArbitraries;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random event sequences (any message, in any state; random octets; time passing; local clears
 * and shutdowns) never throw and always leave the connection in a defined state whose books
 * balance: calls up minus calls down equals the calls held, every held call owns one Call ID and
 * one capacity slot, and a closed connection holds none and closed its transport exactly once.
 */
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

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> legal = Arbitraries.integers().between(0, 40).map(id -> switch (id % 4) {
            case 0 -> new Message(ScriptedPns.outgoingCall(id));
            case 1 -> new Message(new ControlMessage.CallClearRequest(id - 1));
            case 2 -> new Message(new ControlMessage.EchoRequest(id));
            default -> new Message(ScriptedPns.startRequest(0x0100));
        });
        Arbitrary<Step> any = WireArbitraries.anyMessage().map(Message::new);
        Arbitrary<Step> octets = WireArbitraries.anyMessage().map(m -> {
            byte[] b = new byte[PptpCodec.encode(m).remaining()];
            PptpCodec.encode(m).get(b);
            return (Step) new Octets(b);
        });
        Arbitrary<Step> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Octets::new);
        Arbitrary<Step> time = Arbitraries.integers().between(1, 90).map(Wait::new);
        Arbitrary<Step> local = Arbitraries.of(new ClearFirst(), new Shutdown());
        return Arbitraries.frequencyOf(
                Tuple.of(8, legal), Tuple.of(3, any), Tuple.of(2, octets),
                Tuple.of(1, garbage), Tuple.of(2, time), Tuple.of(1, local))
                .list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void neverThrowsAndTheBooksBalance(@ForAll("steps") List<Step> script) {
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
