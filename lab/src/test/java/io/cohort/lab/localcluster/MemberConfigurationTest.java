package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.config.ClusterTransportMode;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.steering.SteeringMode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberConfigurationTest {
    private static final CohortCommandLine COHORT = new CohortCommandLine(List.of("cohort"));

    @TempDir
    Path dir;

    private MemberConfiguration member(int index, LocalClusterSettings settings) {
        return new MemberConfiguration("m" + index, index, settings, dir.resolve("pki"), dir.resolve("m" + index),
                dir.resolve("users"), List.of(settings.lan().memberAddress(1), settings.lan().memberAddress(2)));
    }

    private MemberConfiguration member(int index, Optional<SteeringMode> steering) {
        return member(index, LocalClusterSettings.of(2, steering, COHORT));
    }

    private CohortConfig load(MemberConfiguration m) throws Exception {
        Files.writeString(dir.resolve("users"), ClusterUser.random().usersFileLine());
        return ConfigLoader.load(Optional.of(Files.writeString(dir.resolve(m.name() + ".ini"), m.render())));
    }

    @Test
    void aMemberHasItsOwnAddressPoolAndSocket_multicastOnTheLan_everyUnitAssigned() throws Exception {
        CohortConfig c = load(member(2, Optional.empty()));

        assertThat(c.cluster().enabled()).isTrue();
        assertThat(c.cluster().name()).isEqualTo("m2");
        assertThat(c.cluster().address().orElseThrow().getHostAddress()).isEqualTo("10.77.0.12");
        assertThat(c.cluster().assignAllUnits()).isTrue();
        assertThat(c.cluster().transport()).isEqualTo(ClusterTransportMode.MULTICAST);
        assertThat(c.cluster().interfaceName()).isEqualTo(ClusterLan.DEVICE);
        assertThat(c.limits().maxTunnelsPerPeer()).isEqualTo(1000);
        assertThat(c.pool().ipv4().toString()).isEqualTo("10.102.0.0/20");
        assertThat(c.control().socket()).isEqualTo(dir.resolve("m2").resolve("control.sock"));
        assertThat(member(2, Optional.empty()).render()).doesNotContain("[steering]");
    }

    @Test
    void withAnInsideLanAMemberAnswersForItsSessionsOnItsSecondInterface() throws Exception {
        LocalClusterSettings settings = LocalClusterSettings.of(2, Optional.empty(), COHORT).withInsideLan();

        assertThat(load(member(2, settings)).inside().interfaceName()).contains(InsideLan.DEVICE);
        assertThat(load(member(2, Optional.empty())).inside().enabled()).isFalse();
    }

    @Test
    void theInsideLanCollidesWithNeitherTheClusterLanNorAnyPool() {
        InsideLan inside = InsideLan.DEFAULT;

        assertThat(inside.hostAddress()).isEqualTo("10.79.0.100").doesNotStartWith(ClusterLan.DEFAULT.prefix() + ".");
        assertThat(inside.memberAddress(2)).isEqualTo("10.79.0.12");
        for (int index = 0; index <= 2 * ClusterLan.MAX_MEMBERS; index++) {
            int secondOctet = Integer.parseInt(ClusterLan.DEFAULT.pool(index).split("\\.")[1]);
            assertThat(secondOctet).as("pool %d inside the host's routes %s", index, InsideLan.POOL_ROUTES)
                    .isBetween(96, 159).isNotEqualTo(79);
        }
    }

    @Test
    void onASharedHostTheWatchdogIsTwoSecondsAndPptpServes() throws Exception {
        CohortConfig c = load(member(1, Optional.empty()));

        assertThat(c.cluster().watchdog()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.pptp().enabled()).isTrue();
    }

    @Test
    void withUnitsOnDemandNoUnitIsAssignedBeforeItsFirstPacket() throws Exception {
        MemberConfiguration onDemand = member(3, LocalClusterSettings.of(3, Optional.of(SteeringMode.UNICAST), COHORT).withUnitsOnDemand());

        assertThat(load(onDemand).cluster().assignAllUnits()).isFalse();
    }

    @Test
    void everySteeringModeGivesTheClusterIpAndTheLanInterface() throws Exception {
        for (SteeringMode mode : SteeringMode.ALL) {
            CohortConfig c = load(member(1, Optional.of(mode)));
            assertThat(c.steering().mode()).containsSame(mode);
            assertThat(c.steering().address().orElseThrow().getHostAddress()).isEqualTo("10.77.0.100");
            assertThat(c.steering().interfaceName()).isEqualTo(ClusterLan.DEVICE);
        }
    }

    @Test
    void staticPeersListEveryMemberOfTheClusterAtTheClusterPort() throws Exception {
        LocalClusterSettings settings = LocalClusterSettings.of(2, Optional.empty(), COHORT)
                .withMemberOptions(MemberOptions.SHARED_HOST.withTransport(new MemberTransport.StaticPeers()));

        CohortConfig c = load(member(1, settings));

        assertThat(c.cluster().transport()).isEqualTo(ClusterTransportMode.STATIC);
        assertThat(c.cluster().port()).isEqualTo(ClusterLan.PORT);
        assertThat(c.cluster().peers()).containsExactly(new InetSocketAddress("10.77.0.11", ClusterLan.PORT),
                new InetSocketAddress("10.77.0.12", ClusterLan.PORT));
    }

    @Test
    void aChosenGroupOnAnotherLan_theServersWatchdog_noPptp() throws Exception {
        LocalClusterSettings settings = LocalClusterSettings.of(2, Optional.empty(), COHORT).withLan(new ClusterLan("10.210.0"))
                .withMemberOptions(MemberOptions.SHARED_HOST.withTransport(new MemberTransport.Multicast(
                        Optional.of("239.192.74.9"))).withDefaultWatchdog().withoutPptp());

        CohortConfig c = load(member(2, settings));

        assertThat(c.cluster().address().orElseThrow().getHostAddress()).isEqualTo("10.210.0.12");
        assertThat(c.cluster().group().orElseThrow().getHostAddress()).isEqualTo("239.192.74.9");
        assertThat(c.cluster().watchdog()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.pptp().enabled()).isFalse();
    }
}
