package io.cohort.cluster.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a member's {@link ClusterTransport} talks, validated once here.
 *
 * @param mode          how a broadcast reaches the other members
 * @param bindAddress   this member's IPv4 address on the cluster network; every datagram is sent
 *                      from it, so it is how the others know us, and a multicast or broadcast
 *                      arriving from it is our own echo
 * @param port          the UDP port every member uses
 * @param groupAddress  the multicast group ({@link TransportMode#MULTICAST}) or the subnet
 *                      broadcast address ({@link TransportMode#BROADCAST}); null with static peers
 * @param interfaceName the interface the group is joined and sent on ({@link TransportMode#MULTICAST}
 *                      only, else null)
 * @param peers         every member's address and port ({@link TransportMode#STATIC_PEERS} only,
 *                      else empty); ours may be listed, so all members can share one list
 * @param socketBuffer  SO_RCVBUF and SO_SNDBUF in bytes (the kernel may grant less)
 * @param maxDatagram   the largest datagram sent or accepted, in bytes; bigger ones are refused
 *                      on send and dropped and counted on receipt
 */
public record TransportSettings(TransportMode mode, InetAddress bindAddress, int port, InetAddress groupAddress,
                                String interfaceName, List<InetSocketAddress> peers, int socketBuffer,
                                int maxDatagram) {

    /** Default {@link #socketBuffer}: 1 MiB, a few hundred full keepalives of a large cluster. */
    public static final int DEFAULT_SOCKET_BUFFER = 1 << 20;
    /** Default {@link #maxDatagram}: fits an Ethernet MTU of 1500 with IPv4 and UDP headers. */
    public static final int DEFAULT_MAX_DATAGRAM = 1472;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    public TransportSettings {
        Objects.requireNonNull(mode, "cluster transport: mode is required");
        peers = peers == null ? List.of() : List.copyOf(peers);
        require(bindAddress instanceof Inet4Address, "the bind address must be an IPv4 address, got " + bindAddress);
        require(!bindAddress.isAnyLocalAddress() && !bindAddress.isMulticastAddress(),
                "the bind address must be this member's own unicast address (it is how the others know it), got "
                        + bindAddress.getHostAddress());
        require(port >= 1 && port <= 65_535, "the port must be in 1..65535, got " + port);
        require(socketBuffer > 0, "the socket buffer must be positive, got " + socketBuffer);
        require(maxDatagram >= 1 && maxDatagram <= MAX_UDP_PAYLOAD,
                "the largest datagram must be in 1.." + MAX_UDP_PAYLOAD + " bytes, got " + maxDatagram);
        switch (mode) {
            case MULTICAST -> {
                require(groupAddress instanceof Inet4Address && groupAddress.isMulticastAddress(),
                        "multicast mode needs an IPv4 group address in 224.0.0.0/4, got " + text(groupAddress));
                require(interfaceName != null && !interfaceName.isBlank(),
                        "multicast mode needs the name of the interface to join the group on");
                require(peers.isEmpty(), "multicast mode takes no peer list (that is static-peers mode)");
            }
            case BROADCAST -> {
                require(groupAddress instanceof Inet4Address && !groupAddress.isMulticastAddress()
                                && !groupAddress.isAnyLocalAddress(),
                        "broadcast mode needs the subnet's IPv4 broadcast address (e.g. 10.0.0.255), got "
                                + text(groupAddress));
                require(!groupAddress.equals(bindAddress),
                        "the broadcast address must differ from the bind address " + bindAddress.getHostAddress());
                require(interfaceName == null, "broadcast mode takes no interface name (the broadcast address picks it)");
                require(peers.isEmpty(), "broadcast mode takes no peer list (that is static-peers mode)");
            }
            case STATIC_PEERS -> {
                require(groupAddress == null, "static-peers mode takes no group or broadcast address");
                require(interfaceName == null, "static-peers mode takes no interface name");
                require(!peers.isEmpty(), "static-peers mode needs at least one peer");
                for (InetSocketAddress peer : peers) {
                    require(peer != null && !peer.isUnresolved() && peer.getAddress() instanceof Inet4Address
                                    && !peer.getAddress().isMulticastAddress() && !peer.getAddress().isAnyLocalAddress(),
                            "every peer must be a resolved IPv4 unicast address and port, got " + peer);
                }
            }
        }
    }

    /** Multicast mode with the default buffer and datagram bound. */
    public static TransportSettings multicast(InetAddress bindAddress, int port, InetAddress group, String interfaceName) {
        return new TransportSettings(TransportMode.MULTICAST, bindAddress, port, group, interfaceName, List.of(),
                DEFAULT_SOCKET_BUFFER, DEFAULT_MAX_DATAGRAM);
    }

    /** Broadcast mode with the default buffer and datagram bound. */
    public static TransportSettings broadcast(InetAddress bindAddress, int port, InetAddress broadcastAddress) {
        return new TransportSettings(TransportMode.BROADCAST, bindAddress, port, broadcastAddress, null, List.of(),
                DEFAULT_SOCKET_BUFFER, DEFAULT_MAX_DATAGRAM);
    }

    /** Static-peers mode with the default buffer and datagram bound. */
    public static TransportSettings staticPeers(InetAddress bindAddress, int port, List<InetSocketAddress> peers) {
        return new TransportSettings(TransportMode.STATIC_PEERS, bindAddress, port, null, null, peers,
                DEFAULT_SOCKET_BUFFER, DEFAULT_MAX_DATAGRAM);
    }

    public TransportSettings withSocketBuffer(int bytes) {
        return new TransportSettings(mode, bindAddress, port, groupAddress, interfaceName, peers, bytes, maxDatagram);
    }

    public TransportSettings withMaxDatagram(int bytes) {
        return new TransportSettings(mode, bindAddress, port, groupAddress, interfaceName, peers, socketBuffer, bytes);
    }

    /** Our own address and port: the source of everything we send. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(bindAddress, port);
    }

    /** Where a broadcast goes in multicast and broadcast modes. */
    InetSocketAddress groupDestination() {
        return new InetSocketAddress(groupAddress, port);
    }

    /** The peers a static-peers broadcast goes to: the list without ourselves. */
    List<InetSocketAddress> otherPeers() {
        InetSocketAddress self = localAddress();
        return peers.stream().filter(p -> !p.equals(self)).toList();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("cluster transport: " + message);
        }
    }

    private static String text(InetAddress address) {
        return address == null ? "none" : address.getHostAddress();
    }
}
