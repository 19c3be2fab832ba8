package io.cohort.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {
    private static final InetAddress SELF = ip("10.0.0.1");
    private static final InetAddress GROUP = ip("239.1.2.3");
    private static final InetAddress BROADCAST = ip("10.0.0.255");

    @Test
    void validSettingsOfEachMode() {
        assertThat(TransportSettings.multicast(SELF, 4500, GROUP, "eth1").mode()).isEqualTo(TransportMode.MULTICAST);
        assertThat(TransportSettings.broadcast(SELF, 4500, BROADCAST).groupAddress()).isEqualTo(BROADCAST);
        TransportSettings peers = TransportSettings.staticPeers(SELF, 4500,
                List.of(peer("10.0.0.1", 4500), peer("10.0.0.2", 4500), peer("10.0.0.3", 4501)));
        assertThat(peers.otherPeers()).containsExactly(peer("10.0.0.2", 4500), peer("10.0.0.3", 4501));
        assertThat(peers.socketBuffer()).isEqualTo(TransportSettings.DEFAULT_SOCKET_BUFFER);
        assertThat(peers.maxDatagram()).isEqualTo(TransportSettings.DEFAULT_MAX_DATAGRAM);
    }

    @Test
    void bindAddressMustBeOurOwnIpv4UnicastAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(null, 4500, BROADCAST))
                .withMessageContaining("bind address must be an IPv4 address");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(ip("fd00::1"), 4500, BROADCAST))
                .withMessageContaining("IPv4");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(ip("0.0.0.0"), 4500, BROADCAST))
                .withMessageContaining("own unicast address");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.multicast(GROUP, 4500, GROUP, "eth1"))
                .withMessageContaining("own unicast address");
    }

    @Test
    void portBufferAndDatagramBound() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(SELF, 0, BROADCAST))
                .withMessage("cluster transport: the port must be in 1..65535, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(SELF, 65_536, BROADCAST));
        TransportSettings ok = TransportSettings.broadcast(SELF, 4500, BROADCAST);
        assertThatIllegalArgumentException().isThrownBy(() -> ok.withSocketBuffer(0))
                .withMessageContaining("socket buffer must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> ok.withMaxDatagram(65_508))
                .withMessageContaining("1..65507");
        assertThat(ok.withMaxDatagram(65_507).maxDatagram()).isEqualTo(65_507);
    }

    @Test
    void multicastNeedsAGroupAndAnInterface() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.multicast(SELF, 4500, BROADCAST, "eth1"))
                .withMessage("cluster transport: multicast mode needs an IPv4 group address in 224.0.0.0/4, got 10.0.0.255");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.multicast(SELF, 4500, null, "eth1"))
                .withMessageContaining("got none");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.multicast(SELF, 4500, GROUP, " "))
                .withMessageContaining("name of the interface");
        assertThatIllegalArgumentException().isThrownBy(() -> new TransportSettings(TransportMode.MULTICAST, SELF, 4500,
                        GROUP, "eth1", List.of(peer("10.0.0.2", 4500)), 1 << 20, 1472))
                .withMessageContaining("takes no peer list");
    }

    @Test
    void broadcastNeedsABroadcastAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(SELF, 4500, GROUP))
                .withMessageContaining("broadcast mode needs the subnet's IPv4 broadcast address");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.broadcast(SELF, 4500, SELF))
                .withMessageContaining("must differ from the bind address");
        assertThatIllegalArgumentException().isThrownBy(() -> new TransportSettings(TransportMode.BROADCAST, SELF, 4500,
                        BROADCAST, "eth1", List.of(), 1 << 20, 1472))
                .withMessageContaining("takes no interface name");
    }

    @Test
    void staticPeersNeedsUnicastPeersAndNothingElse() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.staticPeers(SELF, 4500, List.of()))
                .withMessageContaining("at least one peer");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.staticPeers(SELF, 4500,
                        List.of(InetSocketAddress.createUnresolved("member2", 4500))))
                .withMessageContaining("resolved IPv4 unicast address");
        assertThatIllegalArgumentException().isThrownBy(() -> TransportSettings.staticPeers(SELF, 4500,
                        List.of(new InetSocketAddress(GROUP, 4500))))
                .withMessageContaining("resolved IPv4 unicast address");
        assertThatIllegalArgumentException().isThrownBy(() -> new TransportSettings(TransportMode.STATIC_PEERS, SELF,
                        4500, GROUP, null, List.of(peer("10.0.0.2", 4500)), 1 << 20, 1472))
                .withMessageContaining("takes no group or broadcast address");
    }

    private static InetSocketAddress peer(String address, int port) {
        return new InetSocketAddress(ip(address), port);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
