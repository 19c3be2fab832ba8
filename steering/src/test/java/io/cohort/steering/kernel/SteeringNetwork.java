package io.cohort.steering.kernel;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A member and a client in two network namespaces joined by a veth pair: the server holds the
 * cluster address {@value #CLUSTER_TEXT}, the client {@code n} addresses of 10.77.1.0/24 to send
 * from. Closing it deletes both namespaces (and with them every table and socket in them).
 */
final class SteeringNetwork implements AutoCloseable {
    static final String CLUSTER_TEXT = "192.0.2.1";
    static final Inet4Address CLUSTER = address(CLUSTER_TEXT);
    /** The server's own address, which no filter rule matches. */
    static final Inet4Address SERVER = address("10.77.0.1");
    static final String SERVER_INTERFACE = "srv0";
    static final String CLIENT_INTERFACE = "cli0";

    final TestNetwork network;
    final Netns server;
    final Netns client;
    final List<Inet4Address> clientAddresses = new ArrayList<>();

    private SteeringNetwork(TestNetwork network, int clientAddressCount) {
        this.network = network;
        this.server = network.namespace("ksrv");
        this.client = network.namespace("kcli");
        network.veth(client, CLIENT_INTERFACE, server, SERVER_INTERFACE);
        server.addAddress(SERVER_INTERFACE, "10.77.0.1/16");
        server.addAddress(SERVER_INTERFACE, CLUSTER_TEXT + "/32");
        for (int i = 0; i < clientAddressCount; i++) {
            String text = "10.77.1." + (10 + i);
            client.addAddress(CLIENT_INTERFACE, text + "/16");
            clientAddresses.add(address(text));
        }
        client.addDeviceRoute(CLUSTER_TEXT + "/32", CLIENT_INTERFACE);
    }

    /** Builds the namespaces; on failure deletes what was built. */
    static SteeringNetwork create(int clientAddressCount) {
        TestNetwork network = TestNetwork.create();
        try {
            return new SteeringNetwork(network, clientAddressCount);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** A libnftables context acting on the server's namespace. */
    Nftables serverNftables() {
        return server.runInside(Nftables::open);
    }

    /** The unit {@link WorkFilter} gives a TCP or UDP packet from {@code source:port} to the cluster. */
    static WorkUnit unitOf(Inet4Address source, int protocol, int port) {
        return WorkFilter.classify(new FlowKey.Ipv4Flow(value(source), value(CLUSTER), protocol, port, 1723));
    }

    /** An enhanced GRE header (RFC 2637 section 4.1) with key present, version 1, no payload. */
    static ByteBuffer greHeader(int callId) {
        ByteBuffer gre = ByteBuffer.allocateDirect(8);
        gre.put((byte) 0x20).put((byte) 0x01).putShort((short) 0x880B).putShort((short) 0).putShort((short) callId);
        return gre.flip();
    }

    static int value(Inet4Address address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }

    static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() {
        network.close();
    }
}
