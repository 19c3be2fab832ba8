package io.cohort.steering.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A neighbour's kernel follows {@link GratuitousArpSender}'s announcement: its entry for an
 * address routed onto the LAN (as a host behind a cluster routes the clients' pool) moves from
 * another MAC to the announcing interface's.
 */
class GratuitousArpSenderIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Inet4Address SESSION = LinkFixtures.ipv4("10.101.0.5");
    private static final String OLD_OWNER_MAC = "02:00:00:00:00:99";

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void aNeighbourThatCachedAnotherMacForTheAddressSwitchesToTheAnnouncer() {
        try (SteeringLan lan = SteeringLan.create(1)) {
            Netns member = lan.member(1);
            lan.client.execOrThrow("ip", "route", "add", "10.101.0.0/20", "dev", SteeringLan.DEVICE);
            lan.client.execOrThrow("ip", "neigh", "replace", SESSION.getHostAddress(), "lladdr", OLD_OWNER_MAC,
                    "dev", SteeringLan.DEVICE, "nud", "reachable");
            Counters counters = new Counters();
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler());
            try (GratuitousArpSender sender = member.runInside(
                    () -> GratuitousArpSender.open(SteeringLan.DEVICE, "inside.port", counters, log))) {
                assertThat(sender.mac()).isEqualTo(SteeringLan.mac(member));

                assertThat(sender.announce(SESSION)).isTrue();

                String entry = await().atMost(WAIT).pollInterval(POLL).until(() -> lan.client.execOrThrow("ip", "neigh",
                        "show", SESSION.getHostAddress(), "dev", SteeringLan.DEVICE), e -> !e.contains(OLD_OWNER_MAC));
                assertThat(entry).contains("lladdr " + sender.mac());
                assertThat(counters.get("inside.port.sent")).isEqualTo(1);
            }
        }
    }
}
