package io.cohort.steering.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.unit.WorkUnit;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.util.MacAddress;

class KernelRulesTest {
    private static final KernelFilterSpec SPEC = KernelFilterSpec.of(address("192.0.2.1"));

    /** Golden script: loads as is with nft 1.0.6 (checked by KernelFilterIT on the real kernel). */
    @Test
    void installRendersBothSetsTheInputChainAndTheIngressRewrite() throws IOException {
        KernelFilterSpec spec = SPEC.withIngress("eth0", MacAddress.getByName("02:00:5e:c0:00:01"));

        String script = KernelRules.install(spec, List.of(WorkUnit.of(1023), WorkUnit.of(0), WorkUnit.of(5), WorkUnit.of(5)));

        assertThat(script).isEqualTo(golden("install-unicast-mac.nft"));
    }

    /** Golden script: loads as is with nft 1.0.6 (checked by FinGuardIT on the real kernel). */
    @Test
    void finGuardAddsAnIpTableWhoseOutputChainSendsPptpFinAndRstToTheGuardChain() throws IOException {
        String script = KernelRules.install(SPEC.withFinGuard(1723), Set.of());

        assertThat(script).isEqualTo(golden("install-fin-guard.nft"));
        assertThat(KernelRules.install(SPEC, Set.of())).doesNotContain("table ip ").doesNotContain(KernelRules.FIN_GUARD);
    }

    @Test
    void removeDeletesTheFinGuardTableToo() {
        assertThat(KernelRules.remove(SPEC.withFinGuard(7))).isEqualTo("""
                add table inet cohort
                delete table inet cohort
                add table ip cohort
                delete table ip cohort
                """);
    }

    @Test
    void finGuardQueueIsChecked() {
        assertThatThrownBy(() -> SPEC.withFinGuard(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SPEC.withFinGuard(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SPEC.withFinGuard(0).withTable("other").finGuardQueue()).hasValue(0);
    }

    @Test
    void withoutIngressThereIsNoNetdevTableAndEmptySetsHaveNoElements() {
        String script = KernelRules.install(SPEC.withTable("cohort_test"), Set.of());

        assertThat(script).startsWith("add table inet cohort_test\ndelete table inet cohort_test\ntable inet cohort_test {\n")
                .doesNotContain("netdev").doesNotContain("elements");
    }

    @Test
    void addAndDeleteChangeBothSetsInOneScript() {
        List<WorkUnit> units = List.of(WorkUnit.of(7), WorkUnit.of(3));

        assertThat(KernelRules.add(SPEC, units)).isEqualTo("""
                add element inet cohort owned { 3, 7 }
                add element inet cohort owned_be16 { 3, 7 }
                """);
        assertThat(KernelRules.delete(SPEC, units)).isEqualTo("""
                delete element inet cohort owned { 3, 7 }
                delete element inet cohort owned_be16 { 3, 7 }
                """);
        assertThat(KernelRules.add(SPEC, List.of())).isEmpty();
    }

    @Test
    void replaceFlushesThenRefills() {
        assertThat(KernelRules.replace(SPEC, List.of(WorkUnit.of(9)))).isEqualTo("""
                flush set inet cohort owned
                flush set inet cohort owned_be16
                add element inet cohort owned { 9 }
                add element inet cohort owned_be16 { 9 }
                """);
        assertThat(KernelRules.replace(SPEC, List.of())).isEqualTo("""
                flush set inet cohort owned
                flush set inet cohort owned_be16
                """);
    }

    @Test
    void removeIsIdempotentByAddingFirst() {
        KernelFilterSpec spec = SPEC.withIngress("eth0", MacAddress.getByName("01:00:5e:00:00:01"));

        assertThat(KernelRules.remove(spec)).isEqualTo("""
                add table inet cohort
                delete table inet cohort
                add table netdev cohort
                delete table netdev cohort
                """);
    }

    @Test
    void flowExpressionsCarryTheClusterSeed() {
        assertThat(KernelRules.flowUnit("udp")).isEqualTo("jhash ip saddr . udp sport mod 1024 seed 0x436f6872");
        assertThat(KernelRules.greCallIdUnit()).isEqualTo("@th,48,16 & 0x3ff");
        assertThatThrownBy(() -> KernelRules.flowUnit("gre")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Nothing unchecked reaches a script: names that could break out of it are refused. */
    @ParameterizedTest
    @ValueSource(strings = {"", "Cohort", "co hort", "x;flush ruleset", "1cohort", "a_name_that_is_far_too_long_for_nft_x"})
    void badTableNamesAreRefused(String name) {
        assertThatThrownBy(() -> SPEC.withTable(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "eth0\"", "eth0;", "a-very-long-interface-name"})
    void badInterfaceNamesAreRefused(String name) {
        MacAddress mac = MacAddress.getByName("02:00:00:00:00:01");

        assertThatThrownBy(() -> new KernelFilterSpec.Ingress(name, mac)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pptpPortIsChecked() {
        assertThatThrownBy(() -> new KernelFilterSpec("cohort", address("192.0.2.1"), 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = KernelRulesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
