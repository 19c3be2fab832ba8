package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member takes over a TCP connection (patent, figure 7): a client on a bridged LAN talks to a
 * server socket in namespace A holding 10.93.0.1; A's connection state is captured, its socket
 * dropped silently and its link taken down; namespace B takes over 10.93.0.1, restores the
 * connection, and the client's next bytes reach B, whose reply reaches the client, on the same
 * connection: no SYN is ever sent again.
 */
class TcpConnectionRepairIT {
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.93.0.1", 1723);
    private static final int TIMEOUT_MILLIS = 10_000;

    private TestNetwork net;
    private Netns client;
    private Netns memberA;
    private Netns memberB;
    private Socket clientSocket;
    private final List<Integer> descriptors = new ArrayList<>();

    @BeforeEach
    void bridgedLan() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        Netns lan = net.namespace("lan");
        net.bridge(lan, "br0");
        client = net.namespace("client");
        memberA = net.namespace("a");
        memberB = net.namespace("b");
        net.attachToBridge(client, "lan0", lan, "br0", "pc");
        net.attachToBridge(memberA, "lan0", lan, "br0", "pa");
        net.attachToBridge(memberB, "lan0", lan, "br0", "pb");
        client.addAddress("lan0", "10.93.0.9/24");
        memberA.addAddress("lan0", "10.93.0.1/24");
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            if (clientSocket != null) {
                clientSocket.close();
            }
            descriptors.forEach(Libc::close);
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    void anotherNamespaceContinuesTheConnectionWithoutAHandshake() throws Exception {
        int atA = establishAtA();
        TcpConnectionState earlier = memberA.runInside(() -> TcpConnectionRepair.capture(atA, SocketAfterCapture.SERVING));
        write(atA, "Echo-Reply");
        assertThat(receive(clientSocket, 10)).isEqualTo("Echo-Reply");
        send(clientSocket, "Echo-Request");
        memberA.doInside(() -> awaitReadable(atA));

        TcpConnectionState state = takeOver(atA);

        assertThat(state.initial()).isEqualTo(earlier.initial());
        assertThat(state.essential().sendSequence() - earlier.essential().sendSequence()).isEqualTo(10);
        assertThat(state.essential().receiveSequence() - earlier.essential().receiveSequence()).isEqualTo(12);

        assertThat(state.initial().local()).isEqualTo(SERVER);
        assertThat(state.initial().remote()).isEqualTo(clientSocket.getLocalSocketAddress());
        assertThat(state.initial().timestamps()).isTrue();
        assertThat(new String(state.essential().unread(), StandardCharsets.US_ASCII)).isEqualTo("Echo-Request");
        assertThat(state.essential().unacknowledged()).isEmpty();
        int atB = memberB.runInside(() -> track(TcpConnectionRepair.restore(state)));
        assertThat(receive(atB, 12)).isEqualTo("Echo-Request");
        send(clientSocket, "Outgoing-Call-Request");
        assertThat(receive(atB, 21)).isEqualTo("Outgoing-Call-Request");
        write(atB, "Outgoing-Call-Reply");
        assertThat(receive(clientSocket, 19)).isEqualTo("Outgoing-Call-Reply");
        assertNoHandshakeOrReset();
    }

    @Test
    void octetsTheClientNeverAcknowledgedAreRetransmittedByTheNewOwner() throws Exception {
        int atA = establishAtA();
        memberA.execOrThrow("nft", "add table ip hold; add chain ip hold out { type filter hook output priority 0; };"
                + " add rule ip hold out tcp sport 1723 drop");
        write(atA, "Call-Clear-Request");

        TcpConnectionState state = takeOver(atA);

        assertThat(new String(state.essential().unacknowledged(), StandardCharsets.US_ASCII))
                .isEqualTo("Call-Clear-Request");
        assertThat(state.essential().unread()).isEmpty();
        int atB = memberB.runInside(() -> track(TcpConnectionRepair.restore(state)));
        assertThat(receive(clientSocket, 18)).isEqualTo("Call-Clear-Request");
        send(clientSocket, "Call-Disconnect-Notify");
        assertThat(receive(atB, 22)).isEqualTo("Call-Disconnect-Notify");
        assertNoHandshakeOrReset();
    }

    @Test
    void theNewOwnersListenerOnTheSameAddressAndPortDoesNotStandInTheWay() throws Exception {
        int atA = establishAtA();

        TcpConnectionState state = takeOver(atA);

        memberB.runInside(() -> track(listen())); // B serves new connections on the port as well
        int atB = memberB.runInside(() -> track(TcpConnectionRepair.restore(state)));
        send(clientSocket, "Echo-Request");
        assertThat(receive(atB, 12)).isEqualTo("Echo-Request");
        write(atB, "Echo-Reply");
        assertThat(receive(clientSocket, 10)).isEqualTo("Echo-Reply");
        assertNoHandshakeOrReset();
    }

    /** Connects the client to A and exchanges a request and a reply; returns A's socket. */
    private int establishAtA() throws IOException, SystemCallException {
        int listener = memberA.runInside(() -> track(listen()));
        clientSocket = client.runInside(() -> {
            Socket s = new Socket();
            s.connect(SERVER, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return s;
        });
        int atA = memberA.runInside(() -> track(check(Libc.accept(listener), "accept")));
        send(clientSocket, "Start-Control-Connection-Request");
        assertThat(receive(atA, 32)).isEqualTo("Start-Control-Connection-Request");
        write(atA, "Start-Control-Connection-Reply");
        assertThat(receive(clientSocket, 30)).isEqualTo("Start-Control-Connection-Reply");
        return atA;
    }

    /**
     * A dies as far as the LAN can tell: its connection's state is captured, its sockets closed
     * (silently, the connection being in repair mode), its address removed and its link down;
     * B then holds the address.
     */
    private TcpConnectionState takeOver(int atA) throws SystemCallException {
        TcpConnectionState state = memberA.runInside(() -> TcpConnectionRepair.capture(atA, SocketAfterCapture.FROZEN));
        descriptors.forEach(Libc::close);
        descriptors.clear();
        memberA.execOrThrow("ip", "addr", "del", "10.93.0.1/24", "dev", "lan0");
        memberA.execOrThrow("ip", "link", "set", "lan0", "down");
        memberB.addAddress("lan0", "10.93.0.1/24");
        return state;
    }

    private void assertNoHandshakeOrReset() {
        assertThat(tcpCounter(client, "ActiveOpens")).isEqualTo(1);
        assertThat(tcpCounter(client, "EstabResets")).isZero();
        assertThat(tcpCounter(memberB, "PassiveOpens")).isZero();
        assertThat(tcpCounter(memberB, "ActiveOpens")).isZero();
        assertThat(tcpCounter(memberB, "OutRsts")).isZero();
    }

    private int track(int fd) {
        descriptors.add(fd);
        return fd;
    }

    private static int listen() throws SystemCallException {
        int fd = check(Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
        check(Libc.setsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1), "setsockopt(SO_REUSEADDR)");
        try (Arena arena = Arena.ofConfined()) {
            check(Libc.bind(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, SockaddrIn.encode(SERVER))), "bind");
        }
        check(Libc.listen(fd, 1), "listen");
        return fd;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static void write(int fd, String text) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] octets = text.getBytes(StandardCharsets.US_ASCII);
            long written = Libc.write(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, octets), octets.length);
            assertThat(check(written, "write")).isEqualTo(octets.length);
        }
    }

    /** Exactly {@code length} octets from {@code fd}, each read waiting at most the timeout. */
    private static String receive(int fd, int length) throws SystemCallException {
        byte[] received = new byte[0];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(length);
            while (received.length < length) {
                awaitReadable(fd);
                long n = check(Libc.recv(fd, buffer, length - received.length), "recv");
                assertThat(n).as("octets before end of stream").isPositive();
                int old = received.length;
                received = Arrays.copyOf(received, old + (int) n);
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, received, old, (int) n);
            }
        }
        return new String(received, StandardCharsets.US_ASCII);
    }

    private static void awaitReadable(int fd) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(Libc.POLLFD);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            int ready = check(Libc.poll(pollfd, 1, TIMEOUT_MILLIS), "poll");
            assertThat(ready).as("descriptor %d readable within %d ms", fd, TIMEOUT_MILLIS).isOne();
        }
    }

    /** A counter of the Tcp line of /proc/net/snmp in {@code ns} (RFC 4022 tcpActiveOpens, ...). */
    private static long tcpCounter(Netns ns, String name) {
        List<String> tcp = ns.execOrThrow("cat", "/proc/net/snmp").lines().filter(l -> l.startsWith("Tcp:")).toList();
        List<String> names = List.of(tcp.get(0).split("\\s+"));
        return Long.parseLong(tcp.get(1).split("\\s+")[names.indexOf(name)]);
    }

    private static int check(long result, String call) throws SystemCallException {
        if (result < 0) {
            throw Libc.failure(call, "test socket");
        }
        return (int) result;
    }
}
