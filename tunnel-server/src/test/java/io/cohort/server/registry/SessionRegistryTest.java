package io.cohort.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.server.inet.Ipv4Literal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private final SessionRegistry registry = new SessionRegistry(InstantSource.fixed(T0));
    private final TunnelKey t1 = new TunnelKey(TunnelProtocol.L2TP, 100);
    private final InetSocketAddress peer = new InetSocketAddress(Ipv4Literal.parse("192.0.2.7").orElseThrow(), 1701);

    @Test
    void tunnelRowReflectsUpdates() {
        TunnelEntry t = registry.addTunnel(t1, 0, peer);
        t.peerId(42);
        t.state(TunnelState.ESTABLISHED);
        t.traffic().received(100);
        t.traffic().sent(40);

        assertThat(registry.tunnels()).containsExactly(
                new TunnelStatus(t1, 42, peer, TunnelState.ESTABLISHED, T0, 0, new Traffic(100, 1, 40, 1)));
        assertThat(registry.tunnel(t1)).containsSame(t);
    }

    @Test
    void sessionRowReflectsUpdatesAndCountsInItsTunnel() {
        registry.addTunnel(t1, 42, peer);
        SessionKey s1 = new SessionKey(t1, 7);
        SessionEntry s = registry.addSession(s1, 9);
        s.user("alice");
        s.address(Ipv4Literal.parse("10.99.0.2"));
        s.state(SessionState.UP);
        s.traffic().received(1500);
        s.traffic().received(500);

        assertThat(registry.sessions()).containsExactly(new SessionStatus(s1, 9, Optional.of("alice"),
                Ipv4Literal.parse("10.99.0.2"), SessionState.UP, T0, new Traffic(2000, 2, 0, 0)));
        assertThat(registry.tunnels().getFirst().sessions()).isEqualTo(1);
        assertThat(registry.sessionCount()).isEqualTo(1);
    }

    @Test
    void newSessionHasNoUserOrAddressYet() {
        registry.addTunnel(t1, 42, peer);
        SessionStatus s = registry.addSession(new SessionKey(t1, 1), 2).status();

        assertThat(s.user()).isEmpty();
        assertThat(s.address()).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.ESTABLISHING);
    }

    @Test
    void removingATunnelRemovesItsSessions() {
        registry.addTunnel(t1, 42, peer);
        TunnelKey t2 = new TunnelKey(TunnelProtocol.L2TP, 200);
        registry.addTunnel(t2, 43, peer);
        registry.addSession(new SessionKey(t1, 1), 1);
        registry.addSession(new SessionKey(t1, 2), 2);
        registry.addSession(new SessionKey(t2, 1), 1);

        registry.removeTunnel(t1);
        registry.removeTunnel(t1);

        assertThat(registry.tunnelCount()).isEqualTo(1);
        assertThat(registry.sessions()).extracting(SessionStatus::key).containsExactly(new SessionKey(t2, 1));
    }

    @Test
    void removingASessionUpdatesItsTunnel() {
        registry.addTunnel(t1, 42, peer);
        SessionKey s1 = new SessionKey(t1, 1);
        registry.addSession(s1, 1);

        registry.removeSession(s1);
        registry.removeSession(s1);

        assertThat(registry.sessionCount()).isZero();
        assertThat(registry.tunnels().getFirst().sessions()).isZero();
        assertThat(registry.session(s1)).isEmpty();
    }

    @Test
    void duplicatesAndOrphansAreProgrammingErrors() {
        registry.addTunnel(t1, 42, peer);
        registry.addSession(new SessionKey(t1, 1), 1);

        assertThatThrownBy(() -> registry.addTunnel(t1, 1, peer)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.addSession(new SessionKey(t1, 1), 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.addSession(new SessionKey(new TunnelKey(TunnelProtocol.PPTP, 100), 1), 1))
                .hasMessageContaining("unregistered tunnel");
    }

    @Test
    void snapshotsAreOrderedByProtocolThenId() {
        registry.addTunnel(new TunnelKey(TunnelProtocol.PPTP, 1), 1, peer);
        registry.addTunnel(new TunnelKey(TunnelProtocol.L2TP, 300), 1, peer);
        registry.addTunnel(new TunnelKey(TunnelProtocol.L2TP, 20), 1, peer);

        assertThat(registry.tunnels()).extracting(TunnelStatus::key).containsExactly(
                new TunnelKey(TunnelProtocol.L2TP, 20), new TunnelKey(TunnelProtocol.L2TP, 300),
                new TunnelKey(TunnelProtocol.PPTP, 1));
    }

    @Test
    void holdsTenThousandSessionsCheaply() {
        int tunnels = 100;
        for (int t = 1; t <= tunnels; t++) {
            TunnelKey key = new TunnelKey(TunnelProtocol.L2TP, t);
            registry.addTunnel(key, t, peer);
            for (int s = 1; s <= 100; s++) {
                registry.addSession(new SessionKey(key, s), s).traffic().sent(s);
            }
        }

        assertThat(registry.sessionCount()).isEqualTo(10_000);
        assertThat(registry.sessions()).hasSize(10_000).isSortedAccordingTo((a, b) -> a.key().compareTo(b.key()));
        registry.removeTunnel(new TunnelKey(TunnelProtocol.L2TP, 50));
        assertThat(registry.sessionCount()).isEqualTo(9_900);
    }
}
