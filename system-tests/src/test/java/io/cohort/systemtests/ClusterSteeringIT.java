package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.testbed.Command;
import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import io.cohort.testbed.PptpLinuxClient;
import io.cohort.testbed.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steering end to end (DESIGN.md, "Steering packets to members"), for each steering mode (and
 * {@code none}, where clients use the members' own addresses, as the baseline): a
 * {@link LocalCluster} of three packaged servers and a client namespace on one bridge. Built-in
 * clients set up L2TP and PPTP sessions from many source ports, so that they spread over the
 * members; each is served by exactly one member (the members' session counts add up to what the
 * clients hold, every member has some) and passes traffic (answered pings, packets counted on the
 * serving member's session). Stock xl2tpd and pptp-linux (without pppd) complete set-up against the
 * cluster IP. A capture in the client namespace over all of it sees no TCP RST and no ICMP
 * unreachable (no reply from a non-owner's kernel). {@code -Dcohort.it.steering=unicast,multicast}
 * runs only those modes.
 */
@ParameterizedClass
@MethodSource("modes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSteeringIT {
    private static final int MEMBERS = 3;
    private static final int SESSIONS = 60;
    private static final int PER_TUNNEL = 5;
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration SETUP = Duration.ofSeconds(30);

    @Parameter
    String mode;

    private static LocalCluster cluster;
    private static TestNetwork peers;
    private static Netns client;
    private static PeerProcess capture;
    private static Path dir;

    /** Every mode, or those of {@code -Dcohort.it.steering=none,unicast,...}. */
    static List<String> modes() {
        String chosen = System.getProperty("cohort.it.steering", "");
        return chosen.isBlank() ? LocalClusters.everyMode() : Arrays.stream(chosen.split(",")).map(String::strip).toList();
    }

    @BeforeParameterizedClassInvocation
    static void startCluster(String mode) throws Exception {
        LocalClusters.assumeRunnable();
        Tools.assumeInstalled("tcpdump", "tcpdump");
        cluster = LocalCluster.start(LocalClusters.settings(MEMBERS, mode));
        peers = TestNetwork.create();
        client = peers.adopt(cluster.clientNamespace().name());
        // short: xl2tpd cuts long configuration paths, and a Unix socket path (pptp's syslog) has 107 bytes
        dir = Files.createTempDirectory("cst-");
        capture = client.startProcess("tcpdump", "-i", "eth0", "-n", "-U", "-w", dir.resolve("replies.pcap").toString(),
                "(tcp[tcpflags] & tcp-rst != 0 or icmp[icmptype] == icmp-unreach) and not src host "
                        + cluster.settings().lan().clientAddress()); // the clients' own, for the members' late packets to closed ports, do not count
        capture.awaitLogLine(Pattern.compile("listening on eth0"), SETUP);
        System.out.printf("ClusterSteeringIT %s: cluster formed, work directory %s%n%s", mode,
                cluster.workDirectory(), cluster.snapshot().render());
    }

    @AfterParameterizedClassInvocation
    static void stopCluster() {
        try {
            if (peers != null) {
                peers.close();
            }
            if (dir != null) {
                Command.run("rm", "-rf", dir.toString());
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            cluster = null;
            peers = null;
            dir = null;
        }
    }

    @Test
    @Order(1)
    void sessionsOfBothProtocolsSpreadOverTheMembers_eachServedByOneMember_allPassTraffic() throws Exception {
        ClientProcess clients = cluster.startClients(new ClientProcess.Load(SESSIONS, SESSIONS, PER_TUNNEL, List.of()),
                line -> System.out.println("  " + line));
        ClientProcess.ClientReport report = clients.awaitReady(READY);
        assertThat(report.l2tpUp()).as(clients.output()).isEqualTo(SESSIONS);
        assertThat(report.pptpUp()).as(clients.output()).isEqualTo(SESSIONS);
        assertThat(report.l2tpAnswering()).as("L2TP sessions whose ping was answered").isEqualTo(SESSIONS);
        assertThat(report.pptpAnswering()).as("PPTP sessions whose ping was answered").isEqualTo(SESSIONS);

        ClusterSnapshot s = cluster.snapshot();
        System.out.printf("ClusterSteeringIT %s: L2TP set-up %.2f s, PPTP %.2f s%n%s", mode,
                report.l2tpSetup(), report.pptpSetup(), s.render());
        assertThat(s.sessionsUp("l2tp")).as("L2TP sessions up on all members together\n" + s.render()).isEqualTo(SESSIONS);
        assertThat(s.sessionsUp("pptp")).as("PPTP sessions up on all members together\n" + s.render()).isEqualTo(SESSIONS);
        assertThat(s.sessions("l2tp") + s.sessions("pptp")).as("sessions in any state\n" + s.render())
                .isEqualTo(2L * SESSIONS);
        for (ClusterSnapshot.Member m : s.members()) {
            assertThat(s.sessionsUp(m.name(), "l2tp") + s.sessionsUp(m.name(), "pptp"))
                    .as("sessions on " + m.name() + "\n" + s.render()).isPositive();
            assertThat(m.status().orElseThrow().sessions()).as("every session on " + m.name() + " carried the pings")
                    .allSatisfy(session -> assertThat(session.packetsIn()).isPositive())
                    .allSatisfy(session -> assertThat(session.packetsOut()).isPositive());
        }
        clients.close();
        LocalClusters.await("the built-in clients' sessions closed", cluster::snapshot,
                c -> c.sessions("l2tp") + c.sessions("pptp") == 0, SETUP);
    }

    /**
     * xl2tpd hangs its call up at once (it cannot start pppd), so the session is gone by the time
     * one looks: the members' tunnel counters show which one set the tunnel up.
     */
    @Test
    @Order(2)
    void stockXl2tpdSetsUpATunnelAndACallWithTheClusterIp() throws Exception {
        Map<String, Long> before = counter("l2tp.tunnel.created");
        try (Xl2tpdLac lac = Xl2tpdLac.start(client, dir.resolve("xl2tpd"), serviceAddress(), "", false, false)) {
            lac.awaitLogLine(Xl2tpdLac.TUNNEL_UP, SETUP);
            lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
        }
        assertThat(increase(before, counter("l2tp.tunnel.created"))).as("members that set a tunnel up").hasSize(1);
    }

    @Test
    @Order(3)
    void stockPptpPlacesAnOutgoingCallWithTheClusterIp() throws Exception {
        Map<String, Long> before = counter("pptp.control.call.up");
        try (PptpLinuxClient pptp = PptpLinuxClient.start(client, dir.resolve("pptp"), serviceAddress())) {
            pptp.syslog().await(Pattern.compile("Outgoing call established"), SETUP);
        }
        assertThat(increase(before, counter("pptp.control.call.up"))).as("members that put a call up").hasSize(1);
    }

    @Test
    @Order(4)
    void noMemberAnsweredWithATcpResetOrAnIcmpUnreachable() {
        capture.close();
        Path pcap = dir.resolve("replies.pcap");
        String replies = Command.run("tcpdump", "-r", pcap.toString(), "-n").orThrow().output().lines()
                .filter(l -> !l.startsWith("reading from file")).reduce("", (a, b) -> a + b + "\n");
        assertThat(replies).as("RST or ICMP unreachable seen in the client namespace").isEmpty();
    }

    /** A counter of every member's {@code status --json}. */
    private static Map<String, Long> counter(String name) {
        Map<String, Long> out = new TreeMap<>();
        for (MemberProcess m : cluster.members()) {
            out.put(m.name(), m.counter(name));
        }
        return out;
    }

    /** The members whose counter grew, and by how much. */
    private static Map<String, Long> increase(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((member, value) -> {
            long grown = value - before.getOrDefault(member, 0L);
            if (grown != 0) {
                out.put(member, grown);
            }
        });
        return out;
    }

    /** The cluster IP; with {@code none}, the first member's own address. */
    private static String serviceAddress() {
        return cluster.serviceAddresses().getFirst();
    }

}
