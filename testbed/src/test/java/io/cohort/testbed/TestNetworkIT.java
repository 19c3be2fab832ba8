package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestNetworkIT {
    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void twoNamespacesJoinedByAVethPingEachOtherAndVanishOnClose() {
        List<String> names;
        try (TestNetwork net = TestNetwork.create()) {
            Netns a = net.namespace("a");
            Netns b = net.namespace("b");
            net.veth(a, "veth-a", b, "veth-b");
            a.addAddress("veth-a", "10.200.0.1/24");
            b.addAddress("veth-b", "10.200.0.2/24");
            assertThat(a.exec("ping", "-c", "1", "-W", "5", "10.200.0.2"))
                    .matches(CommandResult::succeeded, "exit status 0");
            names = net.namespaces().stream().map(Netns::name).toList();
            assertThat(netnsList()).contains(names.toArray(String[]::new));
        }
        assertThat(netnsList()).doesNotContain(names.toArray(String[]::new));
        assertThat(Command.run("ip", "-o", "link").orThrow().output()).doesNotContain("veth-a", "veth-b");
    }

    @Test
    void javaCodeRunsInsideTheNamespace() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Netns a = net.namespace("a");
            Netns b = net.namespace("b");
            net.veth(a, "va", b, "vb");
            a.addAddress("va", "10.201.0.1/24");
            b.addAddress("vb", "10.201.0.2/24");

            // 10.201.0.1 exists only inside a: binding to it works there and nowhere else.
            assertThat(a.runInside(() -> canBind("10.201.0.1"))).isTrue();
            assertThat(canBind("10.201.0.1")).isFalse();
            assertThat(a.runInside(() -> Files.readString(Path.of("/proc/thread-self/net/dev")))).contains("va:");

            // A socket opened inside b stays in b when another thread uses it.
            try (DatagramSocket receiver = b.runInside(() -> new DatagramSocket(new InetSocketAddress("10.201.0.2", 0)))) {
                receiver.setSoTimeout(5000);
                a.doInside(() -> {
                    try (DatagramSocket sender = new DatagramSocket()) {
                        byte[] data = "hello b".getBytes(StandardCharsets.US_ASCII);
                        sender.send(new DatagramPacket(data, data.length, receiver.getLocalSocketAddress()));
                    }
                });
                DatagramPacket got = new DatagramPacket(new byte[100], 100);
                receiver.receive(got);
                assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII)).isEqualTo("hello b");
                assertThat(got.getAddress()).isEqualTo(InetAddress.getByName("10.201.0.1"));
            }
        }
    }

    @Test
    void threadFactoryThreadsLiveInsideTheNamespace() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Netns a = net.namespace("a");
            a.execOrThrow("ip", "addr", "add", "10.205.0.1/32", "dev", "lo");
            ExecutorService executor = Executors.newSingleThreadExecutor(a.threadFactory("worker"));
            try {
                assertThat(executor.submit(() -> canBind("10.205.0.1")).get()).isTrue();
                assertThat(executor.submit(() -> canBind("10.205.0.1")).get()).as("same thread, still inside").isTrue();
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void exceptionsFromInsideReachTheCaller() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns a = net.namespace("a");
            assertThatThrownBy(() -> a.runInside(() -> {
                throw new IllegalStateException("from inside");
            })).isInstanceOf(IllegalStateException.class).hasMessage("from inside");
        }
    }

    @Test
    void bridgeJoinsThreeNamespaces() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns sw = net.namespace("sw");
            net.bridge(sw, "br0");
            Netns[] hosts = {net.namespace("h1"), net.namespace("h2"), net.namespace("h3")};
            for (int i = 0; i < hosts.length; i++) {
                net.attachToBridge(hosts[i], "eth0", sw, "br0", "port" + i);
                hosts[i].addAddress("eth0", "10.202.0." + (i + 1) + "/24");
            }
            assertThat(hosts[0].exec("ping", "-c", "1", "-W", "5", "10.202.0.3"))
                    .matches(CommandResult::succeeded, "exit status 0");
            assertThat(hosts[2].exec("ping", "-c", "1", "-W", "5", "10.202.0.2"))
                    .matches(CommandResult::succeeded, "exit status 0");
        }
    }

    @Test
    void routerForwardsBetweenTwoSubnets() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns left = net.namespace("l");
            Netns router = net.namespace("r");
            Netns right = net.namespace("rr");
            net.veth(left, "eth0", router, "left");
            net.veth(right, "eth0", router, "right");
            left.addAddress("eth0", "10.203.1.2/24");
            router.addAddress("left", "10.203.1.1/24");
            right.addAddress("eth0", "10.203.2.2/24");
            router.addAddress("right", "10.203.2.1/24");
            router.enableForwarding();
            left.addRoute("default", "10.203.1.1");
            right.addRoute("default", "10.203.2.1");
            assertThat(left.exec("ping", "-c", "1", "-W", "5", "10.203.2.2"))
                    .matches(CommandResult::succeeded, "exit status 0");
        }
    }

    @Test
    void peerProcessRunsInsideAndDiesWithTheNetwork() {
        PeerProcess process;
        try (TestNetwork net = TestNetwork.create()) {
            Netns a = net.namespace("a");
            a.execOrThrow("ip", "link", "add", "br3", "type", "bridge");
            process = a.startProcess("sh", "-c", "ip -o link; echo listed; sleep 60");
            assertThat(process.awaitLogLine(Pattern.compile("listed"), Duration.ofSeconds(10))).isEqualTo("listed");
            assertThat(process.log()).contains("br3");
            assertThat(process.logFile()).startsWith(net.logDirectory());
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void sweepRemovesNamespacesOfDeadCreatorsOnly() {
        String dead = new NetnsName(Integer.MAX_VALUE, 1, "stale").text();
        Command.run("ip", "netns", "add", dead).orThrow();
        try (TestNetwork net = TestNetwork.create()) {
            Netns live = net.namespace("live");
            List<String> removed = TestNetwork.sweepStale();
            assertThat(removed).contains(dead).doesNotContain(live.name());
            assertThat(netnsList()).doesNotContain(dead).contains(live.name());
        } finally {
            Command.run("ip", "netns", "delete", dead);
        }
    }

    private static boolean canBind(String address) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.isBound();
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<String> netnsList() {
        return Command.run("ip", "netns", "list").orThrow().output().lines()
                .map(l -> l.split("\\s+")[0]).toList();
    }
}
