package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClusterLan;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.ClusterUser;
import io.cohort.lab.localcluster.InsideLan;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.steering.SteeringMode;
import io.cohort.testbed.guest.GuestSpec;
import io.cohort.testbed.guest.QemuGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stateful failover seen by stock clients (patent, figure 7): one QEMU guest runs pppd over
 * xl2tpd (ppp0) and pppd with pptp-linux (ppp1, MPPE-128) at once, both to the cluster IP of a
 * three-member {@link LocalCluster}, the guest bridged onto the cluster's LAN like a host of its
 * own. Both links authenticate with MS-CHAPv2 and take an address by IPCP; the guest then pings
 * the host behind the cluster ({@link InsideLan}) through each link every 200 ms. The member that
 * serves each link is killed with SIGKILL once its state is replicated (one after the other when
 * the links have different owners), and the pings go on for {@value #AFTER_KILL_SECONDS} s. Both
 * pppds must not notice: each still runs, sent no new LCP Configure-Request and took no new
 * address (pppd sends LCP echoes every second and gives the link up after 8 unanswered), and the
 * pings carry on: the longest time without an answer on each link is printed and must stay under
 * {@link #LONGEST_GAP} (the lab's 2 s watchdog plus the fence make a takeover about 4.5 s).
 *
 * <pre>
 *  guest 10.77.0.201 --tap-- [switch: br0] -- members m1..m3 (cluster IP 10.77.0.100) -- [br1] -- host 10.79.0.100
 * </pre>
 */
class StockGuestFailoverIT {
    private static final String TAP = "tap0";
    private static final int STOP_PORT = 9000;
    private static final Duration PING_INTERVAL = Duration.ofMillis(200);
    private static final int AFTER_KILL_SECONDS = 20;
    private static final Duration LONGEST_GAP = Duration.ofSeconds(10);
    private static final Duration LINKS_UP = Duration.ofSeconds(150);
    private static final Duration LINK_NAMES_IN_STATUS = Duration.ofSeconds(10);
    private static final Pattern PINGING_OR_DONE = Pattern.compile("COHORT-RESULT (pinging|exit)=");
    private static final List<String> LINKS = List.of("l2tp", "pptp");

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
        Tools.assumeInstalled("qemu-system-x86_64", "qemu-system-x86");
    }

    @Test
    void stockL2tpAndPptpLinksKeepTheirAddressesAndPingsThroughTheKillOfTheirMember() throws Exception {
        long start = System.nanoTime();
        String mode = SteeringMode.UNICAST.configName();
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode).withInsideLan())) {
            long formed = System.nanoTime();
            try (QemuGuest guest = QemuGuest.boot(guestSpec(cluster))) {
                cluster.bridgeToLan(TAP);
                guest.awaitLine(PINGING_OR_DONE, LINKS_UP);
                Map<String, String> setUp = guest.results();
                assertThat(setUp).as(() -> "the links did not come up; guest console:\n" + guest.consoleLog())
                        .containsEntry("pinging", "yes");
                System.out.printf("StockGuestFailoverIT: cluster formed after %d ms, both links up %d ms after the"
                                + " guest started (%s ds of it in the guest); l2tp %s, pptp %s (%s)%n",
                        (formed - start) / 1_000_000, guest.elapsed().toMillis(), setUp.get("setup_ds"),
                        setUp.get("l2tp.ip"), setUp.get("pptp.ip"), setUp.get("pptp.mppe"));

                ClusterSnapshot before = LocalClusters.await("the guest's L2TP session and PPTP call up",
                        cluster::snapshot, s -> s.sessionsUp("l2tp") == 1 && s.sessionsUp("pptp") == 1,
                        LINK_NAMES_IN_STATUS);
                Set<String> owners = new LinkedHashSet<>();
                for (String link : LINKS) {
                    owners.add(ownerOf(before, link));
                }
                System.out.printf("StockGuestFailoverIT: l2tp on %s, pptp on %s%n%s", ownerOf(before, "l2tp"),
                        ownerOf(before, "pptp"), before.render());
                List<String> killed = new ArrayList<>();
                long lastKill = 0;
                for (String owner : owners) {
                    lastKill = kill(cluster, owner);
                    killed.add(owner);
                }
                // How long the links must carry on after the last kill (the guest counts the pings), not a wait for an event.
                Thread.sleep(Duration.ofSeconds(AFTER_KILL_SECONDS).minusNanos(System.nanoTime() - lastKill));
                ClusterSnapshot after = cluster.snapshot();
                stopPinging(cluster);
                int status = guest.awaitExit(Duration.ofSeconds(60));
                Map<String, String> r = guest.results();
                String why = "killed " + killed + "; the cluster after:\n" + after.render() + "guest console:\n"
                        + guest.consoleLog() + memberLogs(cluster, killed);
                for (String link : LINKS) {
                    System.out.printf("StockGuestFailoverIT: %s link (member %s killed): %s of %s pings answered,"
                                    + " longest gap %s ms (after seq %s; gaps of 1 s or more, ms@seq: %s); pppd %s, address %s"
                                    + " -> %s, LCP ConfReqs %s -> %s%n",
                            link, ownerOf(before, link), r.get(link + ".answered"), r.get(link + ".sent"),
                            r.get(link + ".longest_gap_ms"), r.get(link + ".longest_gap_after_seq"), r.get(link + ".gaps"),
                            r.get(link + ".pppd_after"), r.get(link + ".ip_before"), r.get(link + ".ip_after"),
                            r.get(link + ".lcp_confreq_before"), r.get(link + ".lcp_confreq_after"));
                }
                System.out.printf("StockGuestFailoverIT: %d ms in all%n%s", (System.nanoTime() - start) / 1_000_000,
                        after.render());
                if (Boolean.getBoolean("cohort.it.verbose")) {
                    System.out.println(why);
                }
                assertThat(status).as(why).isZero();
                assertThat(r).as(why).containsEntry("pptp.mppe", "MPPE 128-bit stateless compression enabled");
                for (String link : LINKS) {
                    assertLinkCarriedOn(r, link, why);
                }
                assertThat(after.sessionsUp("l2tp")).as(why).isEqualTo(1);
                assertThat(after.sessionsUp("pptp")).as(why).isEqualTo(1);
            }
        }
    }

    /**
     * pppd of {@code link} still runs with the address IPCP gave it, has not started LCP or IPCP
     * again, and its pings were answered before and after the kill with no gap of
     * {@link #LONGEST_GAP} or more.
     */
    private static void assertLinkCarriedOn(Map<String, String> r, String link, String why) {
        assertThat(r).as(why)
                .containsEntry(link + ".pppd_before", "running")
                .containsEntry(link + ".pppd_after", "running")
                .containsEntry(link + ".ip_before", r.get(link + ".ip"))
                .containsEntry(link + ".ip_after", r.get(link + ".ip"))
                .containsEntry(link + ".lcp_confreq_after", r.get(link + ".lcp_confreq_before"))
                .containsEntry(link + ".ipcp_up_before", "1")
                .containsEntry(link + ".ipcp_up_after", "1");
        int sent = Integer.parseInt(r.get(link + ".sent"));
        int answered = Integer.parseInt(r.get(link + ".answered"));
        assertThat(sent).as(why).isGreaterThan(AFTER_KILL_SECONDS * 1000 / (int) PING_INTERVAL.toMillis() / 2);
        assertThat(answered).as(why).isPositive();
        assertThat(Long.parseLong(r.get(link + ".longest_gap_ms"))).as(link + " link's longest gap; " + why)
                .isLessThan(LONGEST_GAP.toMillis());
    }

    /** The guest on a tap in the LAN's switch, at its own LAN address, both links to the cluster IP. */
    private static GuestSpec guestSpec(LocalCluster cluster) {
        ClusterLan lan = cluster.settings().lan();
        ClusterUser user = cluster.user();
        String script = Tools.template("guest/run-failover.sh", "SERVER", lan.clusterAddress(),
                "TARGET", InsideLan.DEFAULT.hostAddress(), "INTERVAL", seconds(PING_INTERVAL),
                "INTERVAL_MS", Long.toString(PING_INTERVAL.toMillis()), "STOP_PORT", Integer.toString(STOP_PORT));
        return GuestSpec.of(cluster.lanSwitch().name(), TAP, ClusterLan.cidr(lan.guestAddress()), script)
                .withFile("/etc/xl2tpd/xl2tpd.conf", Tools.template("guest/failover-xl2tpd.conf", "LNS",
                        lan.clusterAddress()))
                .withFile("/etc/ppp/options.failover-common", Tools.template("guest/options.failover-common"))
                .withFile("/etc/ppp/options.failover-l2tp", Tools.template("guest/options.failover-l2tp",
                        "USER", user.name()))
                .withFile("/etc/ppp/options.failover-pptp", Tools.template("guest/options.failover-pptp",
                        "USER", user.name()))
                .withFile("/etc/ppp/chap-secrets", Tools.template("guest/failover-chap-secrets",
                        "USER", user.name(), "PASSWORD", user.password()))
                .withTimeout(Duration.ofSeconds(300));
    }

    private static String seconds(Duration d) {
        return Long.toString(d.toMillis() / 1000) + "." + String.format("%03d", d.toMillis() % 1000);
    }

    /** The member serving the guest's one session of {@code protocol}. */
    private static String ownerOf(ClusterSnapshot snapshot, String protocol) {
        return snapshot.names().stream().filter(n -> snapshot.sessionsUp(n, protocol) == 1).findFirst()
                .orElseThrow(() -> new AssertionError("no member serves the guest's " + protocol + " link:\n"
                        + snapshot.render()));
    }

    /**
     * Kills {@code member} once its peers hold its state, and waits until the members left own
     * every unit; returns the {@link System#nanoTime()} of the kill.
     */
    private static long kill(LocalCluster cluster, String member) {
        int peers = cluster.members().size() - 1;
        LocalClusters.awaitReplicated(cluster, member, peers, SessionLossCheck.REPLICATED);
        cluster.killMember(member);
        long killed = System.nanoTime();
        System.out.printf("StockGuestFailoverIT: killed %s%n", member);
        LocalClusters.await(member + " killed, every unit owned by the " + peers + " members left", cluster::snapshot,
                s -> !s.names().contains(member) && s.names().size() == peers
                        && s.names().stream().mapToInt(s::units).sum() == 1024, SessionLossCheck.REASSIGNED);
        return killed;
    }

    /** Connects to the guest's stop port from the client namespace: the guest stops pinging and reports. */
    private static void stopPinging(LocalCluster cluster) throws IOException, InterruptedException {
        String guest = cluster.settings().lan().guestAddress();
        Process p = new ProcessBuilder(cluster.clientNamespace().inside(List.of("bash", "-c",
                "exec 3<>/dev/tcp/" + guest + "/" + STOP_PORT + " && echo stop >&3")))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("telling the guest to stop pinging: " + out).isZero();
    }

    /** The end of every member's log, the killed ones' last, for a failure. */
    private static String memberLogs(LocalCluster cluster, List<String> killed) {
        StringBuilder logs = new StringBuilder();
        for (String name : cluster.snapshot().names()) {
            logs.append(tail(cluster, name));
        }
        for (String name : killed) {
            logs.append(tail(cluster, name));
        }
        return logs.toString();
    }

    private static String tail(LocalCluster cluster, String name) {
        Path log = cluster.memberLog(name);
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + name + " (" + log + "), last 60 lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "\n--- " + name + ": cannot read " + log + ": " + e.getMessage();
        }
    }
}
