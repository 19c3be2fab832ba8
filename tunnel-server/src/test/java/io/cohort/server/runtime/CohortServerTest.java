package io.cohort.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.config.ControlSection;
import io.cohort.server.config.LoadedConfiguration;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.ControlSocketInUseException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortServerTest {
    @TempDir
    Path dir;

    private CohortConfig config() {
        CohortConfig d = ConfigLoader.embeddedDefault();
        return new CohortConfig(d.server(), d.l2tp(), d.pptp(), d.limits(), d.ppp(), d.pool(), d.tun(), d.users(),
                new ControlSection(dir.resolve("control.sock")), d.cluster(), d.steering(), d.inside(), d.log());
    }

    @Test
    void aClusterMemberWithoutItsCredentialsDoesNotStartAndSaysWhichFileIsMissing() {
        CohortConfig d = config();
        io.cohort.server.config.ClusterSection c = d.cluster();
        CohortConfig clustered = new CohortConfig(d.server(), d.l2tp(), d.pptp(), d.limits(), d.ppp(), d.pool(), d.tun(),
                d.users(), d.control(), new io.cohort.server.config.ClusterSection(true, "m1",
                        java.util.Optional.of(java.net.InetAddress.getLoopbackAddress()), 27_499,
                        io.cohort.server.config.ClusterTransportMode.STATIC, c.group(), "", java.util.Optional.empty(),
                        java.util.List.of(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 27_498)),
                        dir.resolve("pki"), 1, c.watchdog(), c.horizon(), c.minLosses(), c.maxLosses(), dir.resolve("state"),
                        false), d.steering(), d.inside(), d.log());
        RecordingRuntimeFactory factory = RecordingRuntimeFactory.working();

        assertThatThrownBy(() -> CohortServer.start(clustered, "test", factory))
                .hasMessageContaining("cannot start the cluster member: cluster credentials: "
                        + dir.resolve("pki/members/m1.crt") + " does not exist");
        assertThat(factory.stops.get()).isEqualTo(1); // the protocols started, and were stopped again
        assertThat(Files.exists(clustered.control().socket())).isFalse();
    }

    @Test
    void startsControlSocketAndRuntimeThenStopsBothOnce() throws Exception {
        RecordingRuntimeFactory factory = RecordingRuntimeFactory.working();
        CohortServer server = CohortServer.start(new LoadedConfiguration(config(), "", Optional.empty()),
                Optional.of(new InMemoryUserDirectory().put("guest", "not-a-secret")), "test", factory);

        ServerContext ctx = factory.context.get(5, TimeUnit.SECONDS);
        assertThat(ctx.additionalUsers()).hasValueSatisfying(u -> assertThat(u.find("guest")).isPresent());
        assertThat(ctx.pool()).isSameAs(server.pool());
        assertThat(ctx.registry()).isSameAs(server.registry());
        assertThat(ctx.counters()).isSameAs(server.counters());
        assertThat(ControlClient.request(config().control().socket(), "status", Duration.ofSeconds(5)))
                .contains("cohort test on cohort", "Addresses: 0 of 253 in use");

        server.close();
        server.close();

        assertThat(factory.stops.get()).isEqualTo(1);
        assertThat(Files.exists(config().control().socket())).isFalse();
        assertThat(server.awaitClosed()).isEmpty();
    }

    @Test
    void runtimeThatFailsToStartLeavesNothingBound() throws Exception {
        assertThatThrownBy(() -> CohortServer.start(config(), "test",
                RecordingRuntimeFactory.failingWith(new BindException("port 1701 in use"))))
                .isInstanceOf(BindException.class);

        assertThat(Files.exists(config().control().socket())).isFalse();
        CohortServer.start(config(), "test", RecordingRuntimeFactory.working()).close();
    }

    @Test
    void secondServerOnTheSameSocketIsRefusedBeforeItsRuntimeIsCreated() throws Exception {
        try (CohortServer first = CohortServer.start(config(), "test", RecordingRuntimeFactory.working())) {
            RecordingRuntimeFactory second = RecordingRuntimeFactory.working();

            assertThatThrownBy(() -> CohortServer.start(config(), "test", second))
                    .isInstanceOf(ControlSocketInUseException.class);
            assertThat(second.context).isNotDone();
            assertThat(first.registry().tunnelCount()).isZero();
        }
    }

    @Test
    void fatalErrorFromTheRuntimeShutsTheServerDown() throws Exception {
        RecordingRuntimeFactory factory = RecordingRuntimeFactory.working();
        CohortServer server = CohortServer.start(config(), "test", factory);
        IllegalStateException cause = new IllegalStateException("event loop died");

        factory.context.get().fatal().accept(cause);

        assertThat(server.awaitClosed()).containsSame(cause);
        assertThat(factory.stops.get()).isEqualTo(1);
        assertThat(Files.exists(config().control().socket())).isFalse();
    }

    @Test
    void closingTwiceFromDifferentThreadsStopsOnce() throws IOException, Exception {
        RecordingRuntimeFactory factory = RecordingRuntimeFactory.working();
        CohortServer server = CohortServer.start(config(), "test", factory);
        Thread other = Thread.ofPlatform().start(server::close);
        server.close();
        other.join();

        assertThat(factory.stops.get()).isEqualTo(1);
    }
}
