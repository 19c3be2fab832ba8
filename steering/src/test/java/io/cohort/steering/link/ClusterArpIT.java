package io.cohort.steering.link;

import static io.cohort.steering.link.SteeringLan.CLUSTER_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.steering.SteeringMode;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pcap4j.util.MacAddress;

/**
 * ARP for the cluster IP on a bridged LAN of a client and two prepared members: the client's
 * kernel resolves the cluster IP to the mode's steering MAC (answered by the master's {@link
 * ClusterArp}, not by any member's kernel), and a gratuitous ARP rewrites the client's entry,
 * both from the same master and after mastership moves to the other member.
 */
class ClusterArpIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String BOGUS_MAC = "02:00:00:00:00:99";

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @ParameterizedTest
    @FieldSource("io.cohort.steering.SteeringMode#ALL")
    void clientsResolveTheClusterIpToTheSteeringMacAndFollowAnnouncements(SteeringMode mode) {
        try (SteeringLan lan = SteeringLan.create(2)) {
            Netns first = lan.member(1);
            Netns second = lan.member(2);
            lan.prepare(first, mode);
            lan.prepare(second, mode);
            Counters firstCounters = new Counters();
            SteeringLink firstMaster = lan.open(first, mode, firstCounters, (unit, frame) -> { });
            MacAddress firstSteeringMac = SteeringLan.steeringMac(first, mode);
            assertThat(firstMaster.arp().steeringMac()).isEqualTo(firstSteeringMac);
            firstMaster.arp().enable();

            // The client's kernel asks for the cluster IP before sending the echo request.
            lan.client.exec("ping", "-c", "1", "-W", "1", CLUSTER_IP.getHostAddress());
            assertThat(clientEntryOnce(lan, s -> s.contains("lladdr")))
                    .contains("lladdr " + firstSteeringMac);
            assertThat(firstCounters.get("steering.arp.replies")).isGreaterThanOrEqualTo(1);

            setClientEntry(lan, BOGUS_MAC);
            firstMaster.arp().announce();
            assertThat(clientEntryOnce(lan, s -> !s.contains(BOGUS_MAC)))
                    .contains("lladdr " + firstSteeringMac);
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(
                    () -> assertThat(firstCounters.get("steering.arp.announcements")).isEqualTo(3));

            // Mastership moves: the old master stops answering, the new one announces itself.
            firstMaster.close();
            assertThat(firstMaster.isCapturing()).isFalse();
            setClientEntry(lan, BOGUS_MAC);
            SteeringLink secondMaster = lan.open(second, mode, new Counters(), (unit, frame) -> { });
            MacAddress secondSteeringMac = SteeringLan.steeringMac(second, mode);
            secondMaster.arp().enable();
            secondMaster.arp().announce();
            assertThat(clientEntryOnce(lan, s -> !s.contains(BOGUS_MAC)))
                    .contains("lladdr " + secondSteeringMac);
        }
    }

    /** The client's neighbour entry for the cluster IP as soon as {@code settled} holds for it. */
    private static String clientEntryOnce(SteeringLan lan, Predicate<String> settled) {
        return await().atMost(WAIT).pollInterval(POLL).until(lan::clientNeighbourEntry, settled);
    }

    /** Gives the client a stale entry for the cluster IP at {@code mac}, as if an old master had answered. */
    private static void setClientEntry(SteeringLan lan, String mac) {
        lan.client.execOrThrow("ip", "neigh", "replace", CLUSTER_IP.getHostAddress(), "lladdr", mac, "dev",
                SteeringLan.DEVICE, "nud", "stale");
        assertThat(lan.clientNeighbourEntry()).contains(mac);
    }
}
