package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelRole;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 2661 4.4.3 Tie Breaker: two nodes that both accept and open tunnels send each other an
 * SCCRQ at the same moment. The lower value (unsigned, 64 bits) wins and the loser silently
 * discards its own tunnel; equal values make both discard theirs.
 */
class TieBreakerTest {
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 1701);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 1701);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Map<InetSocketAddress, L2tpNode> nodes = new HashMap<>();

    enum Winner { A, B, NONE }

    /** A SecureRandom whose nextLong (the Tie Breaker value) is fixed; IDs come from allocators. */
    private static SecureRandom tieBreaker(long value) {
        return new SecureRandom() {
            @Override
            public long nextLong() {
                return value;
            }
        };
    }

    final class Node implements L2tpEvents {
        final InetSocketAddress address;
        final L2tpNode node;
        final List<TunnelHandle> up = new ArrayList<>();
        final Map<TunnelHandle, String> down = new HashMap<>();
        final List<Long> sentTieBreakers = new ArrayList<>();

        Node(InetSocketAddress address, long tieBreakerValue, int firstId) {
            this.address = address;
            TunnelSettings settings = TunnelSettings.defaults(address.getHostString());
            settings = new TunnelSettings(settings.hostName(), settings.secret(), false, settings.reliability(),
                    settings.helloInterval(), false, true);
            AtomicInteger ids = new AtomicInteger(firstId);
            this.node = new L2tpNode(new L2tpConfig(true, true, settings, L2tpLimits.defaults()), scheduler, this,
                    new Counters(), tieBreaker(tieBreakerValue), (peer, inUse) -> ids.getAndIncrement(),
                    inUse -> ids.getAndIncrement());
            nodes.put(address, node);
        }

        @Override
        public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            byte[] copy = new byte[datagram.remaining()];
            datagram.duplicate().get(copy);
            if (L2tpCodec.decode(ByteBuffer.wrap(copy), null) instanceof DecodeResult.Decoded(ControlPacket c)) {
                c.message().filter(m -> m.type() == MessageType.SCCRQ).flatMap(m -> m.find(Avp.TieBreaker.class))
                        .ifPresent(tb -> sentTieBreakers.add(tb.value()));
            }
            scheduler.schedule(Duration.ofMillis(5), () -> nodes.get(peer).receive(address, ByteBuffer.wrap(copy)));
        }

        @Override public void tunnelUp(TunnelHandle t) { up.add(t); }
        @Override public void tunnelDown(TunnelHandle t, String reason) { down.put(t, reason); }
        @Override public void sessionUp(SessionHandle s) { }
        @Override public void sessionData(SessionHandle s, ByteBuffer frame) { }
        @Override public void sessionDown(SessionHandle s, String reason) { }
    }

    static Stream<Arguments> crossings() {
        return Stream.of(
                Arguments.of("A lower", 0x10L, 0x20L, Winner.A),
                Arguments.of("B lower", 0x20L, 0x10L, Winner.B),
                Arguments.of("compared unsigned: 0x8000... is higher than 1", 0x8000000000000000L, 1L, Winner.B),
                Arguments.of("compared unsigned: -1 is the highest value", 7L, -1L, Winner.A),
                Arguments.of("equal values: both discard", 0x42L, 0x42L, Winner.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossings")
    void crossingRequestsLeaveOneTunnelOrNone(String name, long tbA, long tbB, Winner winner) {
        Node a = new Node(A, tbA, 100);
        Node b = new Node(B, tbB, 200);
        TunnelHandle fromA = a.node.openTunnel(B);
        TunnelHandle fromB = b.node.openTunnel(A);
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(a.sentTieBreakers).containsExactly(tbA);
        assertThat(b.sentTieBreakers).containsExactly(tbB);
        assertThat(a.node.counters().get("l2tp.tunnel.tie_break")).isEqualTo(1);
        assertThat(b.node.counters().get("l2tp.tunnel.tie_break")).isEqualTo(1);
        switch (winner) {
            case A -> {
                assertThat(fromA.state()).isEqualTo(TunnelState.ESTABLISHED);
                assertThat(b.down.get(fromB)).isEqualTo("lost the tie-breaker");
                assertThat(b.up).singleElement().satisfies(t -> assertThat(t.role()).isEqualTo(TunnelRole.LNS));
            }
            case B -> {
                assertThat(fromB.state()).isEqualTo(TunnelState.ESTABLISHED);
                assertThat(a.down.get(fromA)).isEqualTo("lost the tie-breaker");
                assertThat(a.up).singleElement().satisfies(t -> assertThat(t.role()).isEqualTo(TunnelRole.LNS));
            }
            case NONE -> {
                assertThat(a.down.get(fromA)).isEqualTo("lost the tie-breaker");
                assertThat(b.down.get(fromB)).isEqualTo("lost the tie-breaker");
                assertThat(a.up).isEmpty();
                assertThat(b.up).isEmpty();
            }
        }
        // Long after every retransmission: exactly one tunnel per side, or none.
        scheduler.advance(Duration.ofMinutes(2));
        int expected = winner == Winner.NONE ? 0 : 1;
        assertThat(a.node.tunnelCount()).isEqualTo(expected);
        assertThat(b.node.tunnelCount()).isEqualTo(expected);
        if (winner != Winner.NONE) {
            TunnelHandle survivor = winner == Winner.A ? fromA : fromB;
            assertThat(survivor.state()).isEqualTo(TunnelState.ESTABLISHED);
        }
    }
}
