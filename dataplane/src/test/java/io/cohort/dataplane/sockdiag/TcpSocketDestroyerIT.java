package io.cohort.dataplane.sockdiag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orphaned connections, as a killed process leaves them behind a FIN guard with no queue holder:
 * the server closes its sockets, its output chain drops every FIN and RST from the port, so the
 * kernel keeps them in FIN-WAIT-1, retransmitting, and holding the port against a listener's
 * bind. {@link
 * TcpSocketDestroyer} aborts them: a new listener binds the port, and the client never sees a FIN
 * or an RST. Server and client in two namespaces joined by a veth pair.
 */
class TcpSocketDestroyerIT {
    private static final int PORT = 1723;
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.79.0.1", PORT);
    private static final int QUIET_MILLIS = 1_500;
    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    private TestNetwork net;
    private Netns server;
    private Netns client;
    private final List<AutoCloseable> sockets = new ArrayList<>();

    @BeforeEach
    void twoNamespacesWithADroppingGuard() throws IOException {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        server = net.namespace("dsrv");
        client = net.namespace("dcli");
        net.veth(server, "srv0", client, "cli0");
        server.addAddress("srv0", "10.79.0.1/24");
        client.addAddress("cli0", "10.79.0.2/24");
        server.execOrThrow("nft", "add table ip guard; add chain ip guard output "
                + "{ type filter hook output priority 0; policy accept; }; "
                + "add rule ip guard output tcp sport " + PORT + " tcp flags & (fin | rst) != 0 counter drop");
        client.execOrThrow("nft", "add table inet seen; add chain inet seen input "
                + "{ type filter hook input priority 0; policy accept; }; add rule inet seen input "
                + "tcp sport " + PORT + " tcp flags & (fin | rst) != 0 counter");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (AutoCloseable socket : sockets) {
                socket.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    void orphanedConnectionsAreDestroyedSilentlyAndThePortIsFreeAgain() throws Exception {
        List<Socket> atClient = orphanTwoConnections();
        assertThatThrownBy(() -> server.runInside(TcpSocketDestroyerIT::strictListener))
                .hasRootCauseInstanceOf(BindException.class);
        assertThat(server.runInside(() -> TcpSocketDestroyer.list(address(), PORT,
                SockDiagMessages.LINGERING_STATES))).hasSize(2);

        int destroyed = server.runInside(() -> TcpSocketDestroyer.destroy(address(), PORT,
                SockDiagMessages.LINGERING_STATES));

        assertThat(destroyed).isEqualTo(2);
        assertThat(server.runInside(() -> TcpSocketDestroyer.list(address(), PORT,
                SockDiagMessages.LINGERING_STATES))).isEmpty();
        sockets.add(server.runInside(TcpSocketDestroyerIT::strictListener));
        for (Socket socket : atClient) {
            assertThatThrownBy(socket.getInputStream()::read).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(counted(client, "inet", "seen", "input")).isZero();
    }

    @Test
    void aListenerAndConnectionsOfOtherPortsAreLeftAlone() throws Exception {
        ServerSocket listener = server.runInside(() -> new ServerSocket(PORT, 1, SERVER.getAddress()));
        sockets.add(listener);
        ServerSocket otherPort = server.runInside(() -> new ServerSocket(PORT + 1, 1, SERVER.getAddress()));
        sockets.add(otherPort);
        Socket elsewhere = connect(new InetSocketAddress(SERVER.getAddress(), PORT + 1));
        Socket atServer = otherPort.accept();
        sockets.add(atServer);

        int destroyed = server.runInside(() -> TcpSocketDestroyer.destroy(address(), PORT,
                SockDiagMessages.LINGERING_STATES));

        assertThat(destroyed).isZero();
        atServer.getOutputStream().write(7);
        assertThat(elsewhere.getInputStream().read()).isEqualTo(7);
        Socket again = connect(SERVER);
        sockets.add(listener.accept());
        assertThat(again.isConnected()).isTrue();
    }

    /** Two connections whose server side closed while the guard dropped their FIN: orphans. */
    private List<Socket> orphanTwoConnections() throws Exception {
        List<Socket> atClient = new ArrayList<>();
        try (ServerSocket listener = server.runInside(TcpSocketDestroyerIT::strictListener)) {
            for (int i = 0; i < 2; i++) {
                atClient.add(connect(SERVER));
                listener.accept().close();
            }
        }
        awaitDropped(4); // both FINs and a retransmission of each
        return atClient;
    }

    /**
     * A listener without SO_REUSEADDR: its bind conflicts with every other socket of the port
     * (the connections it accepts inherit that, so a later listener conflicts with them too).
     */
    private static ServerSocket strictListener() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(false);
        listener.bind(SERVER, 2);
        return listener;
    }

    private Socket connect(InetSocketAddress to) throws IOException {
        Socket socket = client.runInside(() -> {
            Socket s = new Socket();
            s.connect(to, 5_000);
            s.setSoTimeout(QUIET_MILLIS);
            return s;
        });
        sockets.add(socket);
        return socket;
    }

    private void awaitDropped(long count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counted(server, "ip", "guard", "output") < count) {
            assertThat(System.nanoTime()).as("the server's FIN segments").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long counted(Netns ns, String family, String table, String chain) {
        Matcher m = PACKETS.matcher(ns.execOrThrow("nft", "list", "chain", family, table, chain));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Inet4Address address() throws IOException {
        return (Inet4Address) InetAddress.getByName(SERVER.getAddress().getHostAddress());
    }
}
