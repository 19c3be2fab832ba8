package io.cohort.steering.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.nfqueue.NfqueueAcceptor;
import io.cohort.dataplane.nfqueue.NfqueueTargetRule;
import io.cohort.dataplane.sockdiag.SockDiagMessages;
import io.cohort.dataplane.sockdiag.TcpSocketDestroyer;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.time.Clock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel filter's FIN guard on a real kernel: a PPTP control connection from a client to the
 * cluster IP of a member whose filter owns the connection's unit, the member's process stood in
 * for by an {@link NfqueueAcceptor}. While it runs, the member's FIN reaches the client; once it
 * is gone ("the process died"), the FIN the kernel sends when it closes the socket and every
 * retransmission of it never do. The clean stop's order (filter removed, then the queue
 * released) lets the FIN through. A restart in the same namespace holds the queue again: the
 * orphaned connection must be destroyed before, or its retransmitted FIN passes. The ICMP
 * Destination Unreachable its kernel sends from the cluster IP (here Port Unreachable for an L2TP
 * datagram: nothing listens on port 1701) passes while the process runs and never once it is gone.
 */
class FinGuardIT {
    private static final String TABLE = "cohort_guard";
    private static final int PPTP = 1723;
    private static final int L2TP = 1701;
    private static final int QUEUE = 4711;
    /** Long enough for the member to retransmit its FIN (RTO at least 200 ms, RFC 6298 section 2). */
    private static final int QUIET_MILLIS = 1_500;
    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    private SteeringNetwork net;
    private Nftables nftables;
    private KernelFilter filter;
    private NfqueueAcceptor member;
    private ServerSocket listener;
    private Socket atClient;
    private Socket atMember;
    private final Counters counters = new Counters();

    @BeforeEach
    void memberWithTheGuardAndAConnectionItOwns() throws Exception {
        Privileges.assumeNetworkAdmin();
        net = SteeringNetwork.create(1);
        member = net.server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters));
        nftables = net.serverNftables();
        Netns server = net.server;
        filter = new KernelFilter(nftables, (table, chain, queue) -> server.doInside(
                () -> NfqueueTargetRule.append(table, chain, queue)),
                KernelFilterSpec.of(SteeringNetwork.CLUSTER).withTable(TABLE).withFinGuard(QUEUE), counters,
                RateLimitedLog.standard(System.getLogger(FinGuardIT.class.getName()), Clock.system()));
        filter.install();
        net.client.execOrThrow("nft", "add table inet seen; add chain inet seen input "
                + "{ type filter hook input priority 0; policy accept; }; add rule inet seen input "
                + "tcp sport " + PPTP + " tcp flags & (fin | rst) != 0 counter; add chain inet seen unreachable "
                + "{ type filter hook input priority 0; policy accept; }; add rule inet seen unreachable "
                + "icmp type destination-unreachable counter");
        Endpoint client = new Endpoint(net.clientAddresses.getFirst(), 40000);
        WorkUnit unit = SteeringNetwork.unitOf(client.address(), 6, client.port());
        assertThat(filter.assign(Set.of(unit))).isTrue();
        listener = net.server.runInside(() -> new ServerSocket(PPTP, 1, SteeringNetwork.CLUSTER));
        atClient = net.client.runInside(() -> {
            Socket s = new Socket();
            s.bind(client.socketAddress());
            s.connect(new InetSocketAddress(SteeringNetwork.CLUSTER, PPTP), 5_000);
            s.setSoTimeout(QUIET_MILLIS);
            return s;
        });
        atMember = listener.accept();
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            for (AutoCloseable c : List.<AutoCloseable>of(atClient, atMember, listener, filter, member)) {
                c.close();
            }
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (nftables != null) {
                nftables.close();
            }
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    void aLiveMembersFinPassesUnchanged() throws IOException {
        atMember.close();

        assertThat(atClient.getInputStream().read()).isEqualTo(-1);
        assertThat(counters.get("nfqueue.packets")).isPositive();
    }

    @Test
    void onceTheMembersProcessIsGoneItsFinAndRetransmissionsNeverReachTheClient() throws Exception {
        long retransmittedBefore = tcpCounter(net.server, "RetransSegs");
        member.close(); // the process died: its queue socket is released

        atMember.close(); // then the kernel closes the process's TCP socket

        assertThatThrownBy(atClient.getInputStream()::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(tcpCounter(net.server, "RetransSegs")).as("FIN retransmissions").isGreaterThan(retransmittedBefore);
        assertThat(seenByClient()).isZero();
    }

    @Test
    void aCleanStopRemovesTheFilterBeforeReleasingTheQueueSoTheFinPasses() throws IOException {
        filter.close();
        member.close();

        atMember.close();

        assertThat(atClient.getInputStream().read()).isEqualTo(-1);
        assertThat(seenByClient()).isEqualTo(1);
    }

    @Test
    void aRestartedMemberThatHoldsTheQueueAgainLetsAnOrphansRetransmittedFinThrough() throws Exception {
        orphanTheConnection();

        member = net.server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters)); // the restart

        atClient.setSoTimeout(10_000); // the next retransmission, after the backed-off RTO
        assertThat(atClient.getInputStream().read()).isEqualTo(-1);
        assertThat(seenByClient()).isEqualTo(1);
    }

    @Test
    void aRestartedMemberThatDestroysTheOrphansFirstLetsNothingThrough() throws Exception {
        orphanTheConnection();

        int destroyed = net.server.runInside(() -> TcpSocketDestroyer.destroy(SteeringNetwork.CLUSTER, PPTP,
                SockDiagMessages.LINGERING_STATES));
        member = net.server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters));

        assertThat(destroyed).isEqualTo(1);
        assertThatThrownBy(atClient.getInputStream()::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(seenByClient()).isZero();
    }

    @Test
    void aLiveMembersIcmpUnreachablePassesUnchanged() throws Exception {
        long sentBefore = icmpCounter(net.server, "OutDestUnreachs");

        sendL2tpDatagram();

        awaitIcmpSent(sentBefore);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (unreachablesSeenByClient() == 0) {
            assertThat(System.nanoTime()).as("the Port Unreachable at the client").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(unreachablesSeenByClient()).isEqualTo(1);
    }

    @Test
    void onceTheMembersProcessIsGoneItsKernelsIcmpUnreachableNeverReachesTheClient() throws Exception {
        member.close(); // the process died: its queue socket (and its L2TP socket) released
        long sentBefore = icmpCounter(net.server, "OutDestUnreachs");

        sendL2tpDatagram();

        awaitIcmpSent(sentBefore);
        Thread.sleep(QUIET_MILLIS); // time for it to arrive if it was let through
        assertThat(unreachablesSeenByClient()).isZero();
    }

    /** A datagram from the client to the cluster IP's L2TP port, where nothing listens. */
    private void sendL2tpDatagram() throws Exception {
        net.client.doInside(() -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                byte[] hello = {(byte) 0xc8, 0x02, 0x00, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0};
                socket.send(new DatagramPacket(hello, hello.length, SteeringNetwork.CLUSTER, L2TP));
            }
        });
    }

    /** Waits until the server's kernel has sent a Destination Unreachable since {@code before}. */
    private void awaitIcmpSent(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (icmpCounter(net.server, "OutDestUnreachs") == before) {
            assertThat(System.nanoTime()).as("the member's kernel answering with Port Unreachable").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private long unreachablesSeenByClient() {
        return seenByClient("unreachable");
    }

    private static long icmpCounter(Netns ns, String name) {
        return snmpCounter(ns, "Icmp:", name);
    }

    /** The member's process killed: queue released, its sockets closed, the FIN retransmitted. */
    private void orphanTheConnection() throws Exception {
        long retransmittedBefore = tcpCounter(net.server, "RetransSegs");
        member.close();
        atMember.close();
        listener.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (tcpCounter(net.server, "RetransSegs") == retransmittedBefore) {
            assertThat(System.nanoTime()).as("the orphan's FIN retransmitted").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private long seenByClient() {
        return seenByClient("input");
    }

    /** The packets the client's counting chain {@code chain} saw. */
    private long seenByClient(String chain) {
        Matcher m = PACKETS.matcher(net.client.execOrThrow("nft", "list", "chain", "inet", "seen", chain));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long tcpCounter(Netns ns, String name) {
        return snmpCounter(ns, "Tcp:", name);
    }

    /** One counter of {@code /proc/net/snmp}'s {@code group} lines (e.g. "Tcp:") in {@code ns}. */
    private static long snmpCounter(Netns ns, String group, String name) {
        List<String> lines = ns.execOrThrow("cat", "/proc/net/snmp").lines().filter(l -> l.startsWith(group)).toList();
        List<String> names = List.of(lines.get(0).split("\\s+"));
        return Long.parseLong(lines.get(1).split("\\s+")[names.indexOf(name)]);
    }
}
