package io.cohort.benchmarks.live;

import io.cohort.lab.localcluster.LinkCounters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three namespaces of a live run, deleted again by {@link #close()}:
 *
 * <pre>
 *   cli (load generator) ──veth 10.201.0.0/24── srv (server or baseline, TUN, forwards) ──veth 10.200.0.0/24── inside
 * </pre>
 *
 * The inside host is the destination of all upstream traffic: {@link #INSIDE}:{@link #SINK_PORT}, a
 * UDP socket that is never read, so the kernel takes each packet up to the socket and drops it there
 * (no ICMP back, nothing spent in user space). Its veth's receive counter says what arrived.
 */
final class LiveNetwork implements AutoCloseable {
    static final Inet4Address SERVER = address("10.201.0.1");
    static final Inet4Address INSIDE = address("10.200.0.1");
    static final int SINK_PORT = 9;
    private static final String INSIDE_DEVICE = "in0";

    final Netns cli;
    final Netns srv;
    final Netns inside;
    private final TestNetwork network;
    private final DatagramChannel sink;

    private LiveNetwork(TestNetwork network, Netns cli, Netns srv, Netns inside, DatagramChannel sink) {
        this.network = network;
        this.cli = cli;
        this.srv = srv;
        this.inside = inside;
        this.sink = sink;
    }

    /** Builds the namespaces; {@code pool} is the server's address pool, routed back from inside via srv. */
    static LiveNetwork create(String pool) {
        TestNetwork.sweepStale();
        TestNetwork network = TestNetwork.create();
        try {
            Netns cli = network.namespace("cli");
            Netns srv = network.namespace("srv");
            Netns inside = network.namespace("inside");
            network.veth(cli, "cli0", srv, "srvc0");
            cli.addAddress("cli0", "10.201.0.2/24");
            srv.addAddress("srvc0", SERVER.getHostAddress() + "/24");
            network.veth(srv, "srvi0", inside, INSIDE_DEVICE);
            srv.addAddress("srvi0", "10.200.0.254/24");
            inside.addAddress(INSIDE_DEVICE, INSIDE.getHostAddress() + "/24");
            inside.addRoute(pool, "10.200.0.254");
            srv.enableForwarding();
            for (String conf : new String[] {"all", "default"}) {
                srv.sysctl("net.ipv4.conf." + conf + ".rp_filter", "0"); // the baseline TUN has no route back
            }
            DatagramChannel sink = inside.runInside(() -> {
                DatagramChannel ch = DatagramChannel.open();
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                return ch.bind(new InetSocketAddress(INSIDE, SINK_PORT));
            });
            return new LiveNetwork(network, cli, srv, inside, sink);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    Path logDirectory() {
        return network.logDirectory();
    }

    /** Packets received so far by the inside host's interface (read by a thread inside, no process started). */
    long insideReceived() {
        return inside.runInside(() -> LinkCounters.parse(Files.readString(Path.of("/proc/thread-self/net/dev")),
                INSIDE_DEVICE).rxPackets());
    }

    /** UDP datagrams {@code ns} dropped because a socket's receive buffer was full (RcvbufErrors). */
    static long udpReceiveBufferDrops(Netns ns) {
        return ns.runInside(() -> {
            List<String> udp = Files.readAllLines(Path.of("/proc/thread-self/net/snmp")).stream()
                    .filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        });
    }

    /**
     * Datagrams dropped so far by the raw sockets open in {@code ns} (the {@code drops} column of
     * /proc/net/raw: PPTP's GRE sockets, whose receive buffer was full). Per open socket, so read
     * it while the sockets of interest are open.
     */
    static long rawSocketDrops(Netns ns) {
        return ns.runInside(() -> {
            List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/net/raw"));
            long drops = 0;
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.trim().split("\\s+");
                drops += Long.parseLong(f[f.length - 1]);
            }
            return drops;
        });
    }

    @Override
    public void close() {
        try {
            sink.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            network.close();
        }
    }

    private static Inet4Address address(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
