package io.cohort.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.PppLink;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.TunnelEntry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PppSessionTest {
    private static final Inet4Address LOCAL = Ipv4Literal.parse("10.99.0.1").orElseThrow();
    private static final Inet4Address PEER = Ipv4Literal.parse("10.99.0.7").orElseThrow();

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), scheduler);
    private final CohortConfig config = ConfigLoader.embeddedDefault();
    private final Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
    private final Ipv4Dispatcher dispatcher = new Ipv4Dispatcher(packet -> { }, 1400, counters, log);
    private final List<String> events = new ArrayList<>();
    private final PppSession<String> session;

    PppSessionTest() {
        SessionRegistry registry = new SessionRegistry(InstantSource.system());
        TunnelKey tunnel = new TunnelKey(TunnelProtocol.PPTP, 1);
        TunnelEntry tunnelRow = registry.addTunnel(tunnel, 0, new InetSocketAddress("192.0.2.2", 1723));
        SessionEntry row = registry.addSession(new SessionKey(tunnel, 42), 7);
        session = new PppSession<>("call 42", row, tunnelRow.traffic(), dispatcher, new PppSession.Owner<>() {
            @Override
            public boolean sendFrame(String lower, ByteBuffer frame) {
                events.add("frame on " + lower);
                return true;
            }

            @Override
            public void linkDown(PppSession<String> s, String reason) {
                events.add("down: " + reason);
            }

            @Override
            public void unrouted() {
                events.add("unrouted");
            }
        });
        session.open(new PppLink(PppServerConfiguration.pppServer(config,
                new DirectoryAuthenticator(new InMemoryUserDirectory()), pool, new SecureRandom(), counters, log),
                scheduler, Runnable::run, session));
    }

    @Test
    void openingSendsLcpOnTheLowerLayerAndMarksTheRow() {
        assertThat(events).contains("frame on call 42");
        assertThat(session.row().state()).isEqualTo(SessionState.AUTHENTICATING);
    }

    @Test
    void withoutMppeTheDataPathSeesThePeersMru() {
        session.ipv4Up(LOCAL, PEER);

        assertThat(session.peerMru()).isEqualTo(session.link().snapshot().peerMru());
        assertThat(dispatcher.routeCount()).isEqualTo(1);
        assertThat(session.row().state()).isEqualTo(SessionState.UP);
    }

    @Test
    void withMppeTheDataPathLeavesRoomForItsFourOctets() {
        session.encrypted(new MppeMode(MppeStrength.BITS_128, true));
        session.ipv4Up(LOCAL, PEER);

        assertThat(session.peerMru()).isEqualTo(session.link().snapshot().peerMru() - PppSession.MPPE_OVERHEAD);
    }

    @Test
    void lowerLayerDownStopsRoutingToTheSession() {
        session.ipv4Up(LOCAL, PEER);

        session.lowerLayerDown("call cleared");

        assertThat(dispatcher.routeCount()).isZero();
    }
}
