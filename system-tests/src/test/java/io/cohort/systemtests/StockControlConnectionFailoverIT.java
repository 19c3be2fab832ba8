package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumingThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.lab.localcluster.ClusterLan;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.server.control.api.StatusDocument;
import io.cohort.steering.SteeringMode;
import io.cohort.testbed.Command;
import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import io.cohort.testbed.PptpLinuxClient;
import io.cohort.testbed.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stateful failover seen by stock clients (patent, figure 7): stock xl2tpd 1.3.18 holds an L2TP
 * tunnel and stock pptp-linux 1.10 ({@code --nolaunchpppd}) a PPTP control connection and call to
 * the cluster IP of a three-member {@link LocalCluster}. Neither has pppd here (no /dev/ppp):
 * xl2tpd hangs its call up at once and keeps the tunnel; pptp-linux's call carries PPP from the
 * in-repo engine on its terminal ({@link PtyPppPeer}: MS-CHAPv2, MPPE-128), whose state is
 * replicated once it is up. The members that own them are killed with SIGKILL once their state is
 * replicated, and the clients are left idle past their 60 s keepalive timers. A capture in the
 * client namespace then shows that xl2tpd's HELLO (RFC 2661 section 6.5) is acknowledged by the
 * new owner with the Nr that follows its Ns, and that xl2tpd set nothing up again and was told
 * nothing: no SCCRQ, no StopCCN.
 *
 * <p>For pptp-linux the same is checked (its Echo-Request, RFC 2637 section 2.16, answered with an
 * Echo-Reply of the same Identifier; no new SYN, no RST, no Start-, Stop- or Call-Clear message
 * after the kill) only while the killed member's kernel stays silent. It does not yet: the killed
 * process's namespace and kernel live on, with the kernel filter's owned units as they were, so
 * the client's GRE for those units, flooded to every member, is accepted by that kernel, which has
 * no GRE socket any more and answers ICMP Protocol Unreachable from the cluster IP (as it answers
 * xl2tpd's HELLO with Port Unreachable, which xl2tpd ignores). pptp-linux's connected GRE socket
 * reports it ("short read (-1): Protocol not available"), and pptp-linux clears the call and
 * closes the control connection. The test prints those ICMP messages with the sender's MAC.
 */
class StockControlConnectionFailoverIT {
    private static final Duration SETUP = Duration.ofSeconds(30);
    /** Both clients send their keepalive after 60 s without a control message from the server. */
    private static final Duration KEEPALIVE = Duration.ofSeconds(60);
    /** What the clients get beyond {@link #KEEPALIVE} to send their keepalive and have it answered. */
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Pattern PPTP_CALL_UP = Pattern.compile("Outgoing call established");
    private static final int GRE = 47;

    /** {@code unicast}, or the modes of {@code -Dcohort.it.steering=...}. */
    static List<String> modes() {
        return LocalClusters.chosenModes(SteeringMode.UNICAST.configName());
    }

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
        Tools.assumeInstalled("xl2tpd", "xl2tpd");
        Tools.assumeInstalled("pptp", "pptp-linux");
        Tools.assumeCaptureTools();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theNewOwnerAnswersXl2tpdsHelloAndPptpsEchoRequestAfterTheOwnerIsKilled(String mode) throws Exception {
        // short: xl2tpd cuts long configuration paths, and a Unix socket path (pptp's syslog) has 107 bytes
        Path dir = Files.createTempDirectory("scf-");
        try (LocalCluster cluster = LocalClusters.start(LocalClusters.settings(3, mode));
             TestNetwork peers = TestNetwork.create()) {
            Netns client = peers.adopt(cluster.clientNamespace().name());
            String clientAddress = cluster.settings().lan().clientAddress();
            String service = cluster.serviceAddresses().getFirst();
            Path pcap = dir.resolve("control.pcap");
            PeerProcess capture = client.startProcess("tcpdump", "-i", "eth0", "-n", "-U", "-w", pcap.toString(),
                    "udp port 1701 or tcp port 1723 or icmp");
            capture.awaitLogLine(Pattern.compile("listening on eth0"), SETUP);

            try (Xl2tpdLac lac = Xl2tpdLac.start(client, dir.resolve("xl2tpd"), service, "", false, false);
                 PptpLinuxClient pptp = PptpLinuxClient.start(client, dir.resolve("pptp"), service)) {
                lac.awaitLogLine(Xl2tpdLac.TUNNEL_UP, SETUP);
                pptp.syslog().await(PPTP_CALL_UP, SETUP);
                try (PtyPppPeer ppp = PtyPppPeer.open(pptp, cluster.user())) {
                    ppp.awaitUp(SETUP);
                    Instant idleFrom = Instant.now();
                    String macs = memberMacs(cluster);
                    Instant killed = killOwners(cluster, mode, clientAddress);

                    awaitKeepalivesAnswered(pcap, clientAddress, killed, idleFrom);
                    capture.close();
                    ControlCapture seen = ControlCapture.read(pcap, clientAddress);
                    String evidence = seen.render() + "\nxl2tpd:\n" + lac.log() + "\npptp-linux:\n" + pptp.describe()
                            + "\n" + ppp;
                    report(mode, seen, killed, macs);
                    assertXl2tpdCarriesOn(seen, killed, evidence);
                    assertThat(lac.log()).as("xl2tpd closed its tunnel").doesNotContain("Maximum retries exceeded")
                            .doesNotContainPattern("Connection \\d+ closed");
                    ClusterSnapshot after = cluster.snapshot();
                    assertThat(owner(after, "l2tp", clientAddress)).as(after.render()).isPresent();
                    // pptp-linux ends its call and connection on the killed member's ICMP (class comment)
                    assumingThat(greUnreachable(seen, killed).isEmpty(), () -> {
                        assertPptpCarriesOn(seen, killed, evidence);
                        assertThat(ppp.down()).as(evidence).isEmpty();
                        ClusterSnapshot now = cluster.snapshot();
                        assertThat(owner(now, "pptp", clientAddress)).as(now.render()).isPresent();
                        assertThat(now.sessionsUp("pptp")).as("the PPTP call, taken over\n" + now.render()).isEqualTo(1);
                    });
                }
            }
        } finally {
            Command.run("rm", "-rf", dir.toString());
        }
    }

    /**
     * Kills the member that owns xl2tpd's tunnel, once its state is replicated to the others, and
     * then (if another) the one that owns pptp-linux's connection; each time waits until the
     * members left own every unit. Returns when the first was killed.
     */
    private static Instant killOwners(LocalCluster cluster, String mode, String clientAddress) throws InterruptedException {
        ClusterSnapshot before = LocalClusters.await("both control connections listed by their owners",
                cluster::snapshot, s -> owner(s, "l2tp", clientAddress).isPresent()
                        && owner(s, "pptp", clientAddress).isPresent() && s.sessionsUp("pptp") == 1, SETUP);
        String l2tpOwner = owner(before, "l2tp", clientAddress).orElseThrow();
        String pptpOwner = owner(before, "pptp", clientAddress).orElseThrow();
        System.out.printf("StockControlConnectionFailoverIT %s: xl2tpd's tunnel on %s, pptp's connection on %s%n%s",
                mode, l2tpOwner, pptpOwner, before.render());
        Instant first = null;
        for (String victim : new LinkedHashSet<>(List.of(l2tpOwner, pptpOwner))) {
            int others = cluster.members().size() - 1;
            LocalClusters.awaitReplicated(cluster, victim, others, SessionLossCheck.REPLICATED);
            Instant killed = Instant.now();
            first = first == null ? killed : first;
            cluster.killMember(victim);
            ClusterSnapshot after = LocalClusters.await(victim + " killed, every unit owned by " + others + " members",
                    cluster::snapshot, s -> s.names().size() == others
                            && s.names().stream().mapToInt(s::units).sum() == WorkUnit.COUNT, SessionLossCheck.REASSIGNED);
            System.out.printf("StockControlConnectionFailoverIT %s: %s killed, its units owned by the others %d ms later%n%s",
                    mode, victim, Duration.between(killed, Instant.now()).toMillis(), after.render());
        }
        return first;
    }

    /**
     * Polls the capture, from {@link #KEEPALIVE} after {@code idleFrom} on, until xl2tpd's HELLO and
     * pptp-linux's Echo-Request sent after {@code killed} have been answered, or pptp-linux's GRE met
     * an ICMP Protocol Unreachable (or the time is up: the assertions then say what is missing).
     */
    private static void awaitKeepalivesAnswered(Path pcap, String client, Instant killed, Instant idleFrom) {
        Duration untilKeepalives = Duration.between(Instant.now(), idleFrom.plus(KEEPALIVE));
        try {
            Awaitility.await("the clients' keepalives answered").pollDelay(untilKeepalives.isNegative()
                            ? Duration.ZERO : untilKeepalives).pollInterval(Duration.ofSeconds(3))
                    .atMost(untilKeepalives.plus(ANSWER)).until(() -> {
                        ControlCapture seen = ControlCapture.read(pcap, client);
                        return helloAck(seen, killed).isPresent()
                                && (echoReply(seen, killed).isPresent() || greUnreachable(seen, killed).isPresent());
                    });
        } catch (ConditionTimeoutException e) {
            System.out.println("StockControlConnectionFailoverIT: " + e.getMessage());
        }
    }

    private static void assertXl2tpdCarriesOn(ControlCapture seen, Instant killed, String evidence) {
        List<ControlCapture.L2tp> since = seen.l2tpSince(killed);
        assertThat(hello(seen, killed)).as("xl2tpd's HELLO after the kill\n" + evidence).isPresent();
        assertThat(helloAck(seen, killed)).as("the HELLO acknowledged (Nr = its Ns + 1)\n" + evidence).isPresent();
        assertThat(since).as("no StopCCN, no new SCCRQ\n" + evidence)
                .noneMatch(p -> p.is(ControlCapture.STOPCCN) || p.is(ControlCapture.SCCRQ));
    }

    private static void assertPptpCarriesOn(ControlCapture seen, Instant killed, String evidence) {
        assertThat(echoRequest(seen, killed)).as("pptp-linux's Echo-Request after the kill\n" + evidence).isPresent();
        assertThat(echoReply(seen, killed)).as("the Echo-Request answered (same Identifier)\n" + evidence).isPresent();
        assertThat(seen.pptpSince(killed)).as("no start, stop or call clearing after the kill\n" + evidence)
                .noneMatch(m -> m.type() == ControlCapture.START_CONTROL_CONNECTION_REQUEST
                        || m.type() == ControlCapture.STOP_CONTROL_CONNECTION_REQUEST
                        || m.type() == ControlCapture.STOP_CONTROL_CONNECTION_REPLY
                        || m.type() == ControlCapture.CALL_CLEAR_REQUEST
                        || m.type() == ControlCapture.CALL_DISCONNECT_NOTIFY);
        assertThat(seen.tcpOpensAndResets()).as("one SYN each way (the connection's), no RST\n" + evidence)
                .hasSize(2).noneMatch(ControlCapture.Tcp::reset);
    }

    /** Each member's name and the MAC address of its interface on the LAN, for reading the capture. */
    private static String memberMacs(LocalCluster cluster) {
        StringBuilder out = new StringBuilder();
        for (MemberProcess m : cluster.members()) {
            String mac = Command.run(Command.DEFAULT_TIMEOUT, m.namespace().inside(List.of("cat",
                    "/sys/class/net/" + ClusterLan.DEVICE + "/address"))).output().strip();
            out.append(m.name()).append(' ').append(mac).append("; ");
        }
        return out.toString();
    }

    /** How the clients saw it: when they spoke after the kill, and how long the answers took. */
    private static void report(String mode, ControlCapture seen, Instant killed, String macs) {
        Optional<ControlCapture.L2tp> hello = hello(seen, killed);
        Optional<ControlCapture.L2tp> ack = helloAck(seen, killed);
        long helloRetransmissions = hello.map(h -> seen.l2tpSince(killed).stream()
                .filter(p -> p.fromPeer() && p.is(ControlCapture.HELLO) && p.ns() == h.ns()).count() - 1).orElse(0L);
        Optional<ControlCapture.Pptp> request = echoRequest(seen, killed);
        Optional<ControlCapture.Pptp> reply = echoReply(seen, killed);
        System.out.printf("StockControlConnectionFailoverIT %s: xl2tpd's HELLO %s after the kill, acknowledged in %s"
                        + " (%d retransmissions); pptp-linux's Echo-Request %s after the kill, answered in %s%n", mode,
                hello.map(h -> ms(killed, h.at())).orElse("never"),
                ack.map(a -> ms(hello.orElseThrow().at(), a.at())).orElse("never"), helloRetransmissions,
                request.map(r -> ms(killed, r.at())).orElse("never"),
                reply.map(r -> ms(request.orElseThrow().at(), r.at())).orElse("never"));
        System.out.printf("StockControlConnectionFailoverIT %s: members %s ICMP unreachables to the client: %s%n", mode,
                macs, seen.unreachables());
    }

    private static String ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() + " ms";
    }

    private static Optional<ControlCapture.L2tp> hello(ControlCapture seen, Instant killed) {
        return seen.l2tpSince(killed).stream().filter(p -> p.fromPeer() && p.is(ControlCapture.HELLO)).findFirst();
    }

    /** The first packet from the cluster after xl2tpd's HELLO that acknowledges it. */
    private static Optional<ControlCapture.L2tp> helloAck(ControlCapture seen, Instant killed) {
        return hello(seen, killed).flatMap(h -> seen.l2tpSince(h.at()).stream().filter(p -> p.acknowledges(h)).findFirst());
    }

    /** An ICMP Protocol Unreachable about the client's GRE after the kill, from the cluster IP. */
    private static Optional<ControlCapture.Unreachable> greUnreachable(ControlCapture seen, Instant killed) {
        return seen.unreachables().stream().filter(u -> !u.at().isBefore(killed) && u.aboutProtocol() == GRE)
                .findFirst();
    }

    private static Optional<ControlCapture.Pptp> echoRequest(ControlCapture seen, Instant killed) {
        return seen.pptpSince(killed).stream().filter(m -> m.fromPeer() && m.type() == ControlCapture.ECHO_REQUEST)
                .findFirst();
    }

    private static Optional<ControlCapture.Pptp> echoReply(ControlCapture seen, Instant killed) {
        return echoRequest(seen, killed).flatMap(r -> seen.pptpSince(r.at()).stream().filter(m -> !m.fromPeer()
                && m.type() == ControlCapture.ECHO_REPLY && m.identifier() == r.identifier()).findFirst());
    }

    /** The member whose status lists a {@code protocol} tunnel (or control connection) with {@code peer}. */
    private static Optional<String> owner(ClusterSnapshot snapshot, String protocol, String peer) {
        return snapshot.members().stream().filter(m -> m.status().map(StatusDocument::tunnels).orElse(List.of())
                        .stream().anyMatch(t -> t.protocol().equals(protocol) && t.peerAddress().equals(peer)))
                .map(ClusterSnapshot.Member::name).findFirst();
    }
}
