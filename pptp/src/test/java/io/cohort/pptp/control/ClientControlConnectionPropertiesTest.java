package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Random event sequences against the client's {@link ClientControlConnection} (any server
 * message in any state, replies to its own calls, random octets, time passing, calls placed and
 * cleared, shutdowns) never throw, and the books balance: calls placed minus calls failed or down
 * equals the calls held, each held call owns one Call ID, and a closed connection holds none and
 * closed its transport exactly once.
 */
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

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> legal = Arbitraries.integers().between(0, 400).map(id -> switch (id % 5) {
            case 0 -> new Reply(id, 1);
            case 1 -> new Reply(id, 1 + id % 7);
            case 2 -> new Disconnect();
            case 3 -> new Message(new ControlMessage.EchoRequest(id));
            default -> new Message(ScriptedPac.startReply(0x0100, 1));
        });
        Arbitrary<Step> any = WireArbitraries.anyMessage().map(Message::new);
        Arbitrary<Step> octets = WireArbitraries.anyMessage().map(m -> {
            byte[] b = new byte[PptpCodec.encode(m).remaining()];
            PptpCodec.encode(m).get(b);
            return (Step) new Octets(b);
        });
        Arbitrary<Step> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Octets::new);
        Arbitrary<Step> time = Arbitraries.integers().between(1, 90).map(Wait::new);
        Arbitrary<Step> local = Arbitraries.of(new Place(), new Place(), new ClearFirst(), new Shutdown());
        return Arbitraries.frequencyOf(
                Tuple.of(8, legal), Tuple.of(2, any), Tuple.of(1, octets),
                Tuple.of(1, garbage), Tuple.of(2, time), Tuple.of(5, local))
                .list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void neverThrowsAndTheBooksBalance(@ForAll("steps") List<Step> script) {
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
