package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigurationTest {
    @TempDir
    Path dir;

    private CohortConfig load(String ini) throws Exception {
        Path file = dir.resolve("cohort.ini");
        Files.writeString(file, ini);
        return ConfigLoader.load(Optional.of(file));
    }

    @Test
    void l2tpSectionBecomesAnLnsNodeConfiguration() throws Exception {
        CohortConfig c = load("""
                [server]
                hostname = lns-7
                [l2tp]
                secret = s3cret
                hide-avps = true
                receive-window = 16
                retransmit-initial = 2s
                retransmit-max = 10s
                retransmit-attempts = 7
                hello-interval = 45s
                [limits]
                max-tunnels = 100
                max-tunnels-per-peer = 4
                max-sessions = 500
                max-sessions-per-tunnel = 50
                """);

        L2tpConfig l = EngineConfiguration.l2tp(c);

        assertThat(l.acceptTunnels()).isTrue();
        assertThat(l.openTunnels()).isFalse();
        assertThat(l.tunnel().hostName()).isEqualTo("lns-7");
        assertThat(l.tunnel().secret()).isPresent();
        assertThat(l.tunnel().secret().get().bytes()).isEqualTo("s3cret".getBytes());
        assertThat(l.tunnel().hideAvps()).isTrue();
        assertThat(l.tunnel().helloInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(l.tunnel().reliability().initialRetransmit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.tunnel().reliability().maxRetransmit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(l.tunnel().reliability().maxRetransmissions()).isEqualTo(7);
        assertThat(l.tunnel().reliability().receiveWindow()).isEqualTo(16);
        assertThat(l.limits().maxTunnels()).isEqualTo(100);
        assertThat(l.limits().maxTunnelsPerPeerAddress()).isEqualTo(4);
        assertThat(l.limits().maxSessions()).isEqualTo(500);
        assertThat(l.limits().maxSessionsPerTunnel()).isEqualTo(50);
    }

    @Test
    void valuesBeyondWhatTheEngineTakesAreCappedAndZeroHelloIsOff() throws Exception {
        CohortConfig c = load("""
                [l2tp]
                receive-window = 5000
                hello-interval = 0s
                [limits]
                max-tunnels = 200000
                max-tunnels-per-peer = 100000
                """);

        L2tpConfig l = EngineConfiguration.l2tp(c);

        assertThat(l.tunnel().secret()).isEmpty();
        assertThat(l.tunnel().reliability().receiveWindow()).isEqualTo(1024);
        assertThat(l.tunnel().helloInterval()).isEqualTo(EngineConfiguration.HELLO_OFF);
        assertThat(l.limits().maxTunnels()).isEqualTo(0xFFFF);
        assertThat(l.limits().maxTunnelsPerPeerAddress()).isEqualTo(0xFFFF);
    }

    @Test
    void pppSectionBecomesTheServerLinkConfiguration() throws Exception {
        CohortConfig c = load("""
                [server]
                hostname = lns-7
                [ppp]
                auth = pap, mschapv2, chap-md5
                mru = 1300
                echo-interval = 20s
                echo-failures = 4
                dns = 192.0.2.53, 192.0.2.54
                nbns = 192.0.2.137
                ipv6 = true
                [pool]
                ipv4 = 10.20.0.0/24
                gateway = 10.20.0.1
                """);
        Ipv4Pool pool = new Ipv4Pool(c.pool().ipv4(), c.pool().gateway());

        PppLinkConfig p = EngineConfiguration.pppServer(c, new DirectoryAuthenticator(new InMemoryUserDirectory()),
                pool, new SecureRandom(), new Counters(),
                RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()));

        assertThat(p.role()).isEqualTo(Role.SERVER);
        assertThat(p.name()).isEqualTo("lns-7");
        assertThat(p.authMethods()).containsExactly(AuthMethod.PAP, AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5);
        assertThat(p.mru()).isEqualTo(1300);
        assertThat(p.echoInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.echoFailures()).isEqualTo(4);
        assertThat(p.ipv6()).isTrue();
        assertThat(p.allocator()).containsSame(pool);
        assertThat(p.ipcp().localAddress()).contains(ip("10.20.0.1"));
        assertThat(p.ipcp().primaryDns()).contains(ip("192.0.2.53"));
        assertThat(p.ipcp().secondaryDns()).contains(ip("192.0.2.54"));
        assertThat(p.ipcp().primaryNbns()).contains(ip("192.0.2.137"));
        assertThat(p.ipcp().secondaryNbns()).isEmpty();
    }

    @Test
    void authOrderIsKept() throws Exception {
        assertThat(EngineConfiguration.authMethods(load("[ppp]\nauth = chap-md5, pap\n").ppp()))
                .isEqualTo(List.of(AuthMethod.CHAP_MD5, AuthMethod.PAP));
    }

    private static java.net.Inet4Address ip(String s) {
        return Ipv4Literal.parse(s).orElseThrow();
    }
}
