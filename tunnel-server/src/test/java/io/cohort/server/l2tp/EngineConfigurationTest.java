package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(l.tunnel().helloInterval()).contains(Duration.ofSeconds(45));
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
        assertThat(l.tunnel().helloInterval()).isEmpty();
        assertThat(l.limits().maxTunnels()).isEqualTo(0xFFFF);
        assertThat(l.limits().maxTunnelsPerPeerAddress()).isEqualTo(0xFFFF);
    }
}
