package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingRulesTest {
    private final SettingRules rules = new SettingRules("limits");

    @Test
    void enforceThrowsEveryViolationTogether() {
        rules.range("max-tunnels", 0, 1, 10);
        rules.range("max-sessions", 11, 1, 10);
        rules.range("max-sessions-per-tunnel", 5, 1, 10);

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, rules::enforce);

        assertThat(e.violations()).extracting(v -> v.setting().toString(), SettingViolation::problem).containsExactly(
                tuple("limits.max-tunnels", "'0' is out of range 1..10"),
                tuple("limits.max-sessions", "'11' is out of range 1..10"));
        assertThat(e).hasMessage("limits.max-tunnels: '0' is out of range 1..10; limits.max-sessions: '11' is out of range 1..10");
    }

    @Test
    void aKeyIsReportedForTheFirstRuleItBreaksOnly() {
        rules.range("max-tunnels", 0, 1, 10);
        rules.check(false, "max-tunnels", "second problem");

        assertThat(catchThrowableOfType(InvalidSettingsException.class, rules::enforce).violations()).singleElement()
                .extracting(SettingViolation::problem).isEqualTo("'0' is out of range 1..10");
    }

    @Test
    void aComparisonNamesTheOtherKeysAndIsSkippedWhenOneOfThemIsAlreadyWrong() {
        rules.compare(false, "max-tunnels-per-peer", "more than max-tunnels", "max-tunnels");
        rules.range("max-sessions", 0, 1, 10);
        rules.compare(false, "max-sessions-per-tunnel", "more than max-sessions", "max-sessions");

        assertThat(catchThrowableOfType(InvalidSettingsException.class, rules::enforce).violations())
                .containsExactly(new SettingViolation(new Setting("limits", "max-tunnels-per-peer"), "more than max-tunnels",
                                Set.of(new Setting("limits", "max-tunnels")), Optional.empty()),
                        new SettingViolation(new Setting("limits", "max-sessions"), "'0' is out of range 1..10", Set.of(),
                                Optional.empty()));
    }

    @Test
    void aMissingValueNamesTheKeyThatRequiresIt() {
        SettingRules cluster = new SettingRules("cluster");
        cluster.require(false, "group", "is required", "enabled", "transport");

        SettingViolation v = catchThrowableOfType(InvalidSettingsException.class, cluster::enforce).violations().getFirst();

        assertThat(v.requiredBy()).contains(new Setting("cluster", "enabled"));
        assertThat(v.settingsRead()).containsExactlyInAnyOrder(new Setting("cluster", "group"),
                new Setting("cluster", "enabled"), new Setting("cluster", "transport"));
    }

    @Test
    void durationsAndInterfaceNames() {
        SettingRules tun = new SettingRules("tun");
        tun.range("echo", Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(1));
        tun.interfaceName("name", "this-name-is-too-long");

        assertThat(catchThrowableOfType(InvalidSettingsException.class, tun::enforce).violations())
                .extracting(SettingViolation::problem).containsExactly("'50ms' is out of range 100ms..1m",
                        "'this-name-is-too-long' is not an interface name (1 to 15 of letters, digits, '.', '-', '_')");
    }

    @Test
    void nothingBrokenEnforcesNothing() {
        rules.range("max-tunnels", 10, 1, 10);
        rules.compare(true, "max-tunnels-per-peer", "unused", "max-tunnels");

        assertThatCode(rules::enforce).doesNotThrowAnyException();
    }

    @Test
    void aSettingsRecordOwnsItsRules() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> new LimitsSection(10, 11, 0, 1));

        assertThat(e.violations()).extracting(v -> v.setting().toString())
                .containsExactly("limits.max-sessions", "limits.max-tunnels-per-peer");
        assertThat(catchThrowableOfType(InvalidSettingsException.class,
                () -> new ControlSection(Path.of("run/control.sock"))).violations())
                .extracting(SettingViolation::problem).containsExactly("'run/control.sock' is not an absolute path");
    }

    @Test
    void theClusterReportsTheKeepalivePolicysProblemsUnderItsKeys() {
        ClusterSection d = ClusterSection.DEFAULT;
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> new ClusterSection(
                d.enabled(), d.name(), d.address(), d.port(), d.transport(), d.group(), d.interfaceName(), d.broadcast(),
                d.peers(), d.pkiDir(), d.configVersion(), Duration.ofMillis(5), 0.5, d.minLosses(), d.maxLosses(),
                d.stateDir(), d.assignAllUnits()));

        assertThat(e.violations()).extracting(v -> v.setting().toString())
                .containsExactly("cluster.watchdog", "cluster.horizon");
        assertThat(ClusterSection.DEFAULT.keepalivePolicy())
                .isEqualTo(KeepalivePolicy.DEFAULT);
    }
}
