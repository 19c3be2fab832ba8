package io.cohort.steering.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.testbed.Privileges;
import io.cohort.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.util.MacAddress;

/**
 * A {@link KernelFilter} on a real kernel: it installs over a stale table, the packets it lets
 * through follow assign, revoke and replace, a failed update is repaired by a full replace, the
 * shared-MAC ingress rewrite makes a member accept frames to the cluster MAC, and close leaves
 * nothing behind.
 */
class KernelFilterIT {
    private static final String TABLE = "cohort_it";
    private static final WorkUnit A = WorkUnit.of(17);
    private static final WorkUnit B = WorkUnit.of(600);
    private static final WorkUnit C = WorkUnit.of(1023);

    private SteeringNetwork net;
    private Nftables nftables;
    private Counters counters;
    private KernelFilterSpec spec;

    @BeforeEach
    void setUp() {
        Privileges.assumeNetworkAdmin();
        net = SteeringNetwork.create(4);
        nftables = net.serverNftables();
        counters = new Counters();
        spec = KernelFilterSpec.of(SteeringNetwork.CLUSTER).withTable(TABLE);
    }

    @AfterEach
    void tearDown() {
        if (nftables != null) {
            nftables.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void installReplacesAStaleTableAndOwnsNothing() throws Exception {
        nftables.run("table inet " + TABLE + " {\n chain stale {\n  type filter hook input priority 0; policy accept;\n"
                + "  ip daddr " + SteeringNetwork.CLUSTER_TEXT + " counter drop\n }\n}\n");

        try (KernelFilter filter = filter()) {
            filter.install();

            String listing = nftables.run("list table inet " + TABLE);
            assertThat(listing).doesNotContain("stale").contains("set owned {", "set owned_be16 {", "chain input {")
                    .doesNotContain("elements");
            assertThat(filter.owned()).isEmpty();
            assertThat(passing(A, B, C)).isEmpty();
        }
    }

    @Test
    void packetsFollowAssignRevokeAndReplace() throws Exception {
        try (KernelFilter filter = filter(); GreProbe gre = greProbe()) {
            filter.install();

            assertThat(filter.assign(Set.of(A, B))).isTrue();
            assertThat(passing(gre, A, B, C)).containsExactlyInAnyOrder(A, B);
            assertThat(tcpConnects(A)).isTrue();
            assertThat(tcpConnects(C)).isFalse();

            assertThat(filter.revoke(Set.of(A))).isTrue();
            assertThat(passing(gre, A, B, C)).containsExactly(B);

            assertThat(filter.replace(Set.of(C))).isTrue();
            assertThat(passing(gre, A, B, C)).containsExactly(C);
            assertThat(tcpConnects(C)).isTrue();

            assertThat(filter.owned()).containsExactly(C);
            assertThat(nftables.run("list set inet " + TABLE + " owned")).contains("elements = { 1023 }");
            assertThat(nftables.run("list set inet " + TABLE + " owned_be16")).contains("elements = { 0x3ff }");
            assertThat(counters.get("steering.kernel.updates")).isEqualTo(4);
            assertThat(counters.get("steering.kernel.update_failures")).isZero();
            assertThat(counters.get("steering.kernel.elements_added") - counters.get("steering.kernel.elements_removed"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aFailedIncrementalUpdateFallsBackToAFullReplace() throws Exception {
        try (KernelFilter filter = filter()) {
            filter.install();
            filter.assign(Set.of(A, B));
            // someone removes A behind the filter's back: deleting it again fails with ENOENT
            nftables.run(KernelRules.delete(spec, List.of(A)));

            assertThat(filter.revoke(Set.of(A))).isTrue();

            assertThat(counters.get("steering.kernel.update_failures")).isEqualTo(1);
            assertThat(counters.get("steering.kernel.fallbacks")).isEqualTo(1);
            assertThat(filter.owned()).containsExactly(B);
            assertThat(nftables.run("list set inet " + TABLE + " owned")).contains("elements = { 600 }");
        }
    }

    @Test
    void afterAnUpdateTheKernelMissedTheNextUpdateReplacesEverything() throws Exception {
        try (KernelFilter filter = filter()) {
            filter.install();
            nftables.run("delete table inet " + TABLE); // the tables vanish: both attempts fail
            assertThat(filter.assign(Set.of(A))).isFalse();
            nftables.run(KernelRules.install(spec, Set.of())); // someone restores empty tables

            assertThat(filter.assign(Set.of(B))).isTrue();

            assertThat(nftables.run("list set inet " + TABLE + " owned")).contains("elements = { 17, 600 }");
            assertThat(filter.owned()).containsExactly(A, B);
            assertThat(counters.get("steering.kernel.update_failures")).isEqualTo(2);
        }
    }

    @Test
    void updatesBeforeInstallAreRefused() {
        try (KernelFilter filter = filter()) {
            assertThat(filter.assign(Set.of(A))).isFalse();
            assertThat(counters.get("steering.kernel.update_failures")).isEqualTo(1);
        }
    }

    @Test
    void closeDeletesBothTables() throws Exception {
        KernelFilter filter = new KernelFilter(nftables,
                spec.withIngress(SteeringNetwork.SERVER_INTERFACE, MacAddress.getByName("02:00:5e:c0:00:01")), counters,
                log());
        filter.install();
        assertThat(nftables.run("list tables")).contains("table inet " + TABLE, "table netdev " + TABLE);

        filter.close();
        filter.close();

        assertThat(nftables.run("list tables")).doesNotContain(TABLE);
        assertThat(counters.get("steering.kernel.update_failures")).isZero();
    }

    /**
     * Frames to a shared cluster MAC reach every member as PACKET_OTHERHOST (unicast) or
     * PACKET_MULTICAST: the member's TCP ignores them until the ingress rule makes them the host's.
     */
    @ParameterizedTest(name = "cluster MAC {0}")
    @ValueSource(strings = {"02:00:5e:c0:00:01", "01:00:5e:40:00:01"})
    void ingressRewriteMakesTcpAcceptFramesToTheClusterMac(String mac) throws Exception {
        net.client.execOrThrow("ip", "neigh", "replace", SteeringNetwork.CLUSTER_TEXT, "lladdr", mac, "dev",
                SteeringNetwork.CLIENT_INTERFACE, "nud", "permanent");
        Set<WorkUnit> all = IntStream.range(0, WorkUnit.COUNT).mapToObj(WorkUnit::of).collect(Collectors.toSet());
        assertThat(tcpConnects(A)).as("before the rewrite").isFalse();

        try (KernelFilter filter = new KernelFilter(nftables,
                spec.withIngress(SteeringNetwork.SERVER_INTERFACE, MacAddress.getByName(mac)), counters, log())) {
            filter.install();
            filter.assign(all);

            assertThat(tcpConnects(A)).as("with the rewrite").isTrue();
        }
    }

    private KernelFilter filter() {
        return new KernelFilter(nftables, spec, counters, log());
    }

    private static RateLimitedLog log() {
        return RateLimitedLog.standard(System.getLogger(KernelFilterIT.class.getName()), Clock.system());
    }

    private GreProbe greProbe() {
        return new GreProbe(net.server, net.client, net.clientAddresses.get(0));
    }

    /** Which of {@code units} let a GRE packet through (a Call ID of slot 3 each). */
    private Set<WorkUnit> passing(WorkUnit... units) throws Exception {
        try (GreProbe gre = greProbe()) {
            return passing(gre, units);
        }
    }

    private static Set<WorkUnit> passing(GreProbe gre, WorkUnit... units) throws Exception {
        gre.reset();
        List<Integer> ids = Arrays.stream(units).map(u -> UnitIdSpace.id(u, 3)).toList();
        return gre.send(ids).stream().map(UnitIdSpace::unitOf).collect(Collectors.toSet());
    }

    /** Whether a TCP connect to 1723 from an endpoint of {@code unit} completes within 1 s. */
    private boolean tcpConnects(WorkUnit unit) {
        Endpoint from = Endpoint.find(net.clientAddresses.get(1), Set.of(), e -> SteeringNetwork.unitOf(e.address(), 6,
                e.port()).equals(unit));
        try (TcpProbe listener = new TcpProbe(net.server, 1723)) {
            return net.client.runInside(() -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(from.socketAddress());
                    channel.socket().connect(new InetSocketAddress(SteeringNetwork.CLUSTER, 1723), 1000);
                    return true;
                } catch (java.net.SocketTimeoutException timeout) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
