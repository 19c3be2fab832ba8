package io.cohort.client.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.PingResult;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PptpClient#open(ClientOptions)} with its real raw GRE socket: the client in one network
 * namespace, {@link TestPac} (TCP on port 1723 and its own raw GRE socket) in another, a veth
 * between them. Needs root (CAP_NET_ADMIN for the namespaces, CAP_NET_RAW for the sockets).
 */
class PptpClientRawGreIT {
    private static final Inet4Address CLIENT = TestPac.ip("192.0.2.1");
    private static final Inet4Address SERVER = TestPac.ip("192.0.2.2");

    private TestNetwork net;
    private Netns clientNs;
    private Netns serverNs;

    @BeforeEach
    void twoNamespaces() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        clientNs = net.namespace("pptpc");
        serverNs = net.namespace("pptps");
        net.veth(clientNs, "v-c", serverNs, "v-s");
        clientNs.addAddress("v-c", "192.0.2.1/24");
        serverNs.addAddress("v-s", "192.0.2.2/24");
        clientNs.linkUp("v-c");
        serverNs.linkUp("v-s");
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void connectsOverRealTcpAndRawGreAndPings() throws Exception {
        try (TestPac pac = serverNs.runInside(() -> {
            TestPac p = new TestPac(SERVER);
            p.useRawGre(SERVER, CLIENT);
            return p;
        })) {
            ClientOptions options = ClientOptions.of(new InetSocketAddress(SERVER, PptpClient.PORT), TestPac.USER,
                    TestPac.PASSWORD);
            try (PptpClient client = clientNs.runInside(() -> PptpClient.open(options))) {
                ClientSession s = clientNs.runInside(client::connect);

                assertThat(s.gateway()).isEqualTo(TestPac.GATEWAY);
                PingResult ping = s.ping(s.gateway(), 5, Duration.ofSeconds(2));
                assertThat(ping.received()).isEqualTo(5);
                assertThat(client.counters().get("ppp.ccp.opened")).isEqualTo(1);
                s.close();
            }
            assertThat(pac.callsDown(1)).hasSize(1);
        }
    }
}
