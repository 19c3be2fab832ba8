package io.cohort.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.LayerEvents;
import io.cohort.ppp.automaton.OptionAutomaton;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Two CCP ends, each an unmodified {@link OptionAutomaton} with a {@link CcpNegotiator} and
 * {@link CcpResetCodes}, talking to each other: the outcome of negotiation per pair of policies,
 * and the Reset-Request/Reset-Ack exchange once Opened. This is how a PppLink will plug CCP in.
 */
class CcpAutomatonTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Queue<Runnable> wire = new ArrayDeque<>();

    final class End {
        final CcpNegotiator negotiator;
        final OptionAutomaton automaton;
        final List<ResetPacket> acks = new ArrayList<>();
        int compressorResets;
        End peer;

        End(String name, CcpSettings settings) {
            negotiator = new CcpNegotiator(settings);
            CcpResetCodes codes = new CcpResetCodes(this::send, () -> compressorResets++, acks::add);
            automaton = new OptionAutomaton(name, RestartPolicy.RFC_DEFAULTS, scheduler, negotiator, new LayerEvents() {
                @Override public void up() { }
                @Override public void down() { }
                @Override public void started() { }
                @Override public void finished() { }
            }, codes, this::send, new Counters());
        }

        void send(ControlPacket p) {
            wire.add(() -> peer.automaton.receive(p));
        }
    }

    private void pump() {
        for (int i = 0; i < 1000 && !wire.isEmpty(); i++) {
            wire.poll().run();
        }
    }

    private End[] connect(CcpSettings server, CcpSettings client) {
        End s = new End("ppp.ccp.server", server);
        End c = new End("ppp.ccp.client", client);
        s.peer = c;
        c.peer = s;
        for (End e : new End[] {s, c}) {
            e.automaton.up();
            e.automaton.open();
        }
        for (int round = 0; round < 20; round++) {
            pump();
            scheduler.advance(Duration.ofSeconds(3));
        }
        return new End[] {s, c};
    }

    static Stream<Arguments> pairs() {
        CcpSettings any = new CcpSettings(EnumSet.allOf(MppeStrength.class), StatelessPolicy.PREFER);
        CcpSettings weakStateful = new CcpSettings(EnumSet.of(MppeStrength.BITS_40), StatelessPolicy.FORBID);
        CcpSettings statefulAny = new CcpSettings(EnumSet.allOf(MppeStrength.class), StatelessPolicy.FORBID);
        return Stream.of(
                Arguments.of("default and default", CcpSettings.DEFAULT, CcpSettings.DEFAULT,
                        Optional.of(new MppeMode(MppeStrength.BITS_128, true))),
                Arguments.of("default server, permissive client", CcpSettings.DEFAULT, any,
                        Optional.of(new MppeMode(MppeStrength.BITS_128, true))),
                Arguments.of("permissive server, stateful-only client", any, statefulAny,
                        Optional.of(new MppeMode(MppeStrength.BITS_128, false))),
                Arguments.of("default server, 40-bit stateful client", CcpSettings.DEFAULT, weakStateful,
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void negotiatesOneModeOrFails(String what, CcpSettings server, CcpSettings client, Optional<MppeMode> mode) {
        End[] ends = connect(server, client);

        assertThat(ends[0].negotiator.negotiated()).isEqualTo(mode);
        assertThat(ends[1].negotiator.negotiated()).isEqualTo(mode);
        if (mode.isPresent()) {
            assertThat(ends[0].automaton.state()).isEqualTo(AutomatonState.OPENED);
            assertThat(ends[1].automaton.state()).isEqualTo(AutomatonState.OPENED);
        } else {
            assertThat(ends[0].negotiator.failed() || ends[1].negotiator.failed()
                    || ends[0].automaton.state() != AutomatonState.OPENED).isTrue();
        }
    }

    @Test
    void aResetRequestResetsThePeersCompressorAndIsAcknowledged() {
        End[] ends = connect(CcpSettings.DEFAULT, CcpSettings.DEFAULT);

        ends[0].send(ResetPacket.request(9).toControlPacket());
        pump();

        assertThat(ends[1].compressorResets).isEqualTo(1);
        assertThat(ends[0].acks).containsExactly(ResetPacket.ackFor(ResetPacket.request(9)));
        assertThat(ends[1].automaton.state()).isEqualTo(AutomatonState.OPENED);
    }
}
