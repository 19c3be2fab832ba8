package io.cohort.steering.link;

import io.cohort.steering.SteeringMode;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * A LAN of namespaces for the steering ITs: a bridge in its own namespace, a client at
 * 10.77.0.10 and members at 10.77.0.1, .2, ..., each with its LAN interface {@code eth0}; the
 * cluster IP is 10.77.0.100. Closing it closes the links opened through it, then deletes every
 * namespace (whatever state the test left).
 */
final class SteeringLan implements AutoCloseable {
    static final Inet4Address CLUSTER_IP = LinkFixtures.ipv4("10.77.0.100");
    static final Inet4Address CLIENT_IP = LinkFixtures.ipv4("10.77.0.10");
    static final String DEVICE = "eth0";

    private final TestNetwork net;
    final Netns client;
    final List<Netns> members = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    private SteeringLan(TestNetwork net, int memberCount) {
        this.net = net;
        Netns lan = net.namespace("lan");
        net.bridge(lan, "br0");
        client = host(lan, "client", "p0", CLIENT_IP.getHostAddress());
        for (int i = 1; i <= memberCount; i++) {
            members.add(host(lan, "member" + i, "p" + i, memberIp(i).getHostAddress()));
        }
    }

    static SteeringLan create(int memberCount) {
        TestNetwork net = TestNetwork.create();
        try {
            return new SteeringLan(net, memberCount);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    static Inet4Address memberIp(int number) {
        return LinkFixtures.ipv4("10.77.0." + number);
    }

    Netns member(int number) {
        return members.get(number - 1);
    }

    static MacAddress mac(Netns ns) {
        return MacAddress.getByName(ns.execOrThrow("cat", "/sys/class/net/" + DEVICE + "/address").strip());
    }

    /** {@code mode}'s default steering MAC with {@code member} as master. */
    static MacAddress steeringMac(Netns member, SteeringMode mode) {
        return mode.steeringMac(CLUSTER_IP, Optional.empty(), mac(member));
    }

    /** Prepares a member's interfaces for {@code mode} (undone by deleting the namespace). */
    InterfacePreparation prepare(Netns member, SteeringMode mode) {
        MacAddress steeringMac = steeringMac(member, mode);
        return member.runInside(() -> mode.prepareInterfaces(DEVICE, CLUSTER_IP, steeringMac));
    }

    /** Opens the master's link in {@code member} with {@code mode}'s default steering MAC, closed with the LAN. */
    SteeringLink open(Netns member, SteeringMode mode, Counters counters, FrameForwarder.Listener listener) {
        SteeringLink.Config config = SteeringLink.Config.of(DEVICE, CLUSTER_IP, steeringMac(member, mode));
        SteeringLink link = member.runInside(() -> SteeringLink.open(config, listener, counters));
        opened.add(link);
        return link;
    }

    /** The client's neighbour entry for the cluster IP, as {@code ip neigh} prints it. */
    String clientNeighbourEntry() {
        return client.execOrThrow("ip", "neigh", "show", CLUSTER_IP.getHostAddress(), "dev", DEVICE);
    }

    @Override
    public void close() {
        try {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close " + c, e);
                }
            }
        } finally {
            net.close();
        }
    }

    private Netns host(Netns lan, String label, String port, String address) {
        Netns ns = net.namespace(label);
        net.attachToBridge(ns, DEVICE, lan, "br0", port);
        ns.addAddress(DEVICE, address + "/24");
        return ns;
    }
}
