package io.cohort.dataplane.nfqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.netlink.NetlinkMessage;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's FIN and RST from a server's port pass through a netfilter queue (no
 * {@code bypass}): while an {@link NfqueueAcceptor} holds the queue they reach the client; once
 * the queue's holder is gone ("the process died"), neither they nor the FIN's retransmissions
 * ever do. Server and client in two namespaces joined by a veth pair; the server's output chain
 * counts the segments it sends to the queue ({@link NfqueueTargetRule}), the client's input chain
 * counts the FIN and RST it receives.
 */
class NfqueueAcceptorIT {
    private static final int PORT = 1723;
    private static final int QUEUE = 1723;
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.78.0.1", PORT);
    /** Long enough for the server to retransmit its FIN (RTO at least 200 ms, RFC 6298 section 2). */
    private static final int QUIET_MILLIS = 1_500;
    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    private TestNetwork net;
    private Netns server;
    private Netns client;
    private ServerSocket listener;
    private Socket atClient;
    private Socket atServer;
    private final Counters counters = new Counters();

    @BeforeEach
    void twoNamespacesWithTheQueueRule() throws IOException {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        server = net.namespace("qsrv");
        client = net.namespace("qcli");
        net.veth(server, "srv0", client, "cli0");
        server.addAddress("srv0", "10.78.0.1/24");
        client.addAddress("cli0", "10.78.0.2/24");
        server.execOrThrow("nft", "add table ip guard; add chain ip guard output "
                + "{ type filter hook output priority 0; policy accept; }; add chain ip guard fin_guard; "
                + "add rule ip guard output tcp sport " + PORT + " tcp flags & (fin | rst) != 0 counter jump fin_guard");
        server.doInside(() -> NfqueueTargetRule.append("guard", "fin_guard", QUEUE));
        client.execOrThrow("nft", "add table inet seen; add chain inet seen input "
                + "{ type filter hook input priority 0; policy accept; }; add rule inet seen input "
                + "tcp sport " + PORT + " tcp flags & (fin | rst) != 0 counter");
        listener = server.runInside(() -> new ServerSocket(PORT, 1, SERVER.getAddress()));
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            for (AutoCloseable c : new AutoCloseable[] {atClient, atServer, listener}) {
                if (c != null) {
                    c.close();
                }
            }
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    void whileTheAcceptorRunsTheServersFinReachesTheClient() throws Exception {
        try (NfqueueAcceptor acceptor = server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters))) {
            connect();

            atServer.close();

            assertThat(atClient.getInputStream().read()).isEqualTo(-1);
        }
        // read once the acceptor's thread has ended: it counts a verdict after sending it
        assertThat(counters.get("nfqueue.packets")).isPositive();
        assertThat(counters.get("nfqueue.accepted")).isEqualTo(counters.get("nfqueue.packets"));
        assertThat(counters.get("nfqueue.errors")).isZero();
    }

    @Test
    void aSecondHolderOfTheSameQueueIsRefused() throws Exception {
        try (NfqueueAcceptor first = server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters))) {
            assertThatThrownBy(() -> server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters)))
                    .hasMessageContaining("NFQNL_CFG_CMD_BIND").hasMessageContaining("errno 1");
            assertThat(first.queue()).isEqualTo(QUEUE);
        }
    }

    @Test
    void onceTheAcceptorIsGoneNeitherTheFinNorItsRetransmissionsLeave() throws Exception {
        server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters)).close();
        connect();

        atServer.close();

        awaitQueued(2); // the FIN and at least one retransmission
        assertNothingReachesTheClient();
    }

    @Test
    void onceTheAcceptorIsGoneTheResetForUnreadDataDoesNotLeave() throws Exception {
        server.runInside(() -> NfqueueAcceptor.bind(QUEUE, counters)).close();
        connect();
        atClient.getOutputStream().write(new byte[] {1, 2, 3});
        awaitUnread(3);

        atServer.close(); // unread data: the kernel answers with an RST, not a FIN (RFC 2525 section 2.17)

        awaitQueued(1);
        atClient.getOutputStream().write(new byte[] {4}); // no socket now: the kernel resets again
        awaitQueued(2);
        assertNothingReachesTheClient();
    }

    /**
     * The server's sockets close first, the queue's socket after (the other order from a process
     * exit's point of view): the FIN waits in the queue for a verdict that never comes, and is
     * dropped when the queue's socket closes; its retransmissions find no queue and are dropped.
     */
    @Test
    void aFinQueuedToAHolderThatDiesBeforeReadingItIsDropped() throws Exception {
        int silentHolder = server.runInside(NfqueueAcceptorIT::holdQueueWithoutReading);
        try {
            connect();
            atServer.close();
            awaitQueued(1);
        } finally {
            Libc.close(silentHolder);
        }

        awaitQueued(2);
        assertNothingReachesTheClient();
    }

    private void connect() throws IOException {
        atClient = client.runInside(() -> {
            Socket s = new Socket();
            s.connect(SERVER, 5_000);
            s.setSoTimeout(QUIET_MILLIS);
            return s;
        });
        atServer = listener.accept();
    }

    private void assertNothingReachesTheClient() throws IOException {
        InputStream in = atClient.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(counted(client, "inet", "seen", "input")).isZero();
    }

    /** Waits until the server has sent {@code count} FIN or RST segments into the queue rule. */
    private void awaitQueued(long count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counted(server, "ip", "guard", "output") < count) {
            assertThat(System.nanoTime()).as("the server's FIN or RST segments").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitUnread(int octets) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (atServer.getInputStream().available() < octets) {
            assertThat(System.nanoTime()).as("the client's octets at the server").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long counted(Netns ns, String family, String table, String chain) {
        Matcher m = PACKETS.matcher(ns.execOrThrow("nft", "list", "chain", family, table, chain));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A netlink socket bound to the queue that never reads: a process frozen, then killed. */
    private static int holdQueueWithoutReading() {
        int fd = Libc.socket(NfqueueConstants.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC,
                NfqueueConstants.NETLINK_NETFILTER);
        assertThat(fd).isNotNegative();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(ValueLayout.JAVA_SHORT, 0, (short) NfqueueConstants.AF_NETLINK);
            assertThat(Libc.bind(fd, kernel)).isZero();
            byte[] bind = NfqueueMessages.bind(QUEUE, 1);
            assertThat(Libc.sendto(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, bind), bind.length, kernel))
                    .isEqualTo(bind.length);
            MemorySegment answer = arena.allocate(4096);
            long n = Libc.recv(fd, answer, 4096);
            assertThat(n).isPositive();
            NetlinkMessage ack = NetlinkMessage.split(ByteBuffer.wrap(answer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)))
                    .getFirst();
            assertThat(NfqueueMessages.acknowledgement(ack, 1)).contains(0);
        }
        return fd;
    }
}
