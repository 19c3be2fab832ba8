package io.cohort.lab.localcluster;

import io.cohort.steering.SteeringMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberConfigurationTest {
    @TempDir
    Path dir;

    private MemberConfiguration member(int index, Optional<SteeringMode> steering) {
        return new MemberConfiguration("m" + index, index, ClusterLan.DEFAULT, steering, dir.resolve("pki"),
                dir.resolve("m" + index), dir.resolve("users"), true);
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
        assertThat(c.cluster().interfaceName()).isEqualTo(ClusterLan.DEVICE);
        assertThat(c.limits().maxTunnelsPerPeer()).isEqualTo(1000);
        assertThat(c.pool().ipv4().toString()).isEqualTo("10.102.0.0/20");
        assertThat(c.control().socket()).isEqualTo(dir.resolve("m2").resolve("control.sock"));
        assertThat(member(2, Optional.empty()).render()).doesNotContain("[steering]");
    }

    @Test
    void withUnitsOnDemandNoUnitIsAssignedBeforeItsFirstPacket() throws Exception {
        MemberConfiguration onDemand = new MemberConfiguration("m3", 3, ClusterLan.DEFAULT, Optional.of(SteeringMode.UNICAST),
                dir.resolve("pki"), dir.resolve("m3"), dir.resolve("users"), false);

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
}
