package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.server.control.api.StatusDocument;
import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import io.cohort.testbed.Tshark;
import io.cohort.testbed.guest.GuestSpec;
import io.cohort.testbed.guest.QemuGuest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPTP with the stock Debian client: pppd 2.4.9 with pptp-linux 1.10 as its pty, in a QEMU guest
 * whose kernel has ppp_mppe (this host's kernel has no ppp), against the packaged server. With
 * MS-CHAPv2 and {@code require-mppe-128} pppd authenticates, agrees on stateless MPPE-128 by CCP,
 * gets an IPv4 address from the pool and pings the server's gateway through the tunnel: PPP in
 * enhanced GRE, every packet under a new MPPE key. A client that will not do CCP gets no link
 * (the server requires MPPE), and a wrong password is refused. Each call is hung up by stopping
 * pppd, and the server is left with no calls.
 *
 * <pre>
 *  guest 192.0.2.2 --tap-- [cli 192.0.2.1, 10.1.0.2] --veth-- [srv 10.1.0.1, cohort0 10.99.0.1]
 * </pre>
 */
class StockPptpGuestIT {
    private static final String GATEWAY = GuestNetwork.GATEWAY;
    private static final String[] CASES = {"pptp-mppe128", "pptp-no-mppe", "pptp-wrong-password"};
    private static final int PINGS = 20;

    @TempDir
    Path dir;

    @BeforeEach
    void preconditions() {
        Privileges.assumeNetworkAdmin();
        Tools.assumeInstalled("tcpdump", "tcpdump");
        Tools.assumeInstalled("tshark", "tshark");
        Tools.assumeInstalled("qemu-system-x86_64", "qemu-system-x86");
        Tools.assumeServerJar();
    }

    @Test
    void stockPptpWithPppdAgreesOnMppe128GetsAnAddressAndPingsThroughTheTunnel() {
        long start = System.nanoTime();
        try (TestNetwork net = TestNetwork.create()) {
            GuestNetwork network = GuestNetwork.create(net);
            Netns server = network.server();
            String ini = Tools.template("server-pptp.ini", "POOL", GuestNetwork.POOL, "GATEWAY", GATEWAY);
            Path pcap = dir.resolve("pptp-guest.pcap");
            // "-Z root": Debian's tcpdump drops to its own user before opening the file otherwise.
            try (PeerProcess capture = server.startProcess("tcpdump", "-Z", "root", "--immediate-mode", "-U", "-n",
                    "-i", "eth0", "-w", pcap.toString(), "tcp port 1723 or ip proto 47");
                 CohortProcess cohort = CohortProcess.start(server, dir, ini, GuestNetwork.users())) {
                capture.awaitLogLine(Pattern.compile("listening on eth0"), Duration.ofSeconds(20));
                GuestSpec spec = network.guest(Tools.template("guest/run-pptp.sh", "SERVER", StockXl2tpdIT.SERVER,
                                "PINGS", Integer.toString(PINGS), "CASES", String.join(" ", CASES)))
                        .withFile("/etc/ppp/options.pptp-common", Tools.template("guest/options.pptp-common"))
                        .withFile("/etc/ppp/chap-secrets", GuestNetwork.guestSecrets("guest/chap-secrets"))
                        .withTimeout(Duration.ofSeconds(240));
                for (String c : CASES) {
                    spec = spec.withFile("/etc/ppp/options." + c, Tools.template("guest/options." + c));
                }
                try (QemuGuest guest = QemuGuest.boot(spec)) {
                    guest.awaitLine(Pattern.compile("COHORT-BOOTED"), Duration.ofSeconds(60));
                    int status = guest.awaitExit(Duration.ofSeconds(220));
                    System.out.printf("StockPptpGuestIT: all cases done after %d ms (guest), %d ms in all%n",
                            guest.elapsed().toMillis(), (System.nanoTime() - start) / 1_000_000);
                    String why = "guest console:\n" + guest.consoleLog() + "\nserver log:\n" + cohort.log();
                    assertThat(status).as(why).isZero();
                    Map<String, String> r = guest.results();
                    System.out.println("StockPptpGuestIT: guest results " + r);
                    if (Boolean.getBoolean("cohort.it.verbose")) {
                        System.out.println(why);
                    }
                    assertThat(r).as(why)
                            .containsEntry("pptp-mppe128.auth", "<auth chap MS-v2>")
                            .containsEntry("pptp-mppe128.auth_result", "succeeded")
                            .containsEntry("pptp-mppe128.mppe", "MPPE 128-bit stateless compression enabled")
                            .containsEntry("pptp-mppe128.ping", "ok")
                            .containsEntry("pptp-mppe128.ping_summary",
                                    PINGS + " packets transmitted, " + PINGS + " packets received, 0% packet loss")
                            .hasEntrySatisfying("pptp-mppe128.ip",
                                    ip -> assertThat(ip).startsWith("10.99.0.").isNotEqualTo(GATEWAY));
                    assertThat(r).as(why)
                            .containsEntry("pptp-no-mppe.auth_result", "succeeded")
                            .containsEntry("pptp-no-mppe.mppe", "none")
                            .containsEntry("pptp-no-mppe.ip", "none")
                            .containsEntry("pptp-wrong-password.auth_result", "failed")
                            .containsEntry("pptp-wrong-password.ip", "none");
                    for (String c : CASES) {
                        assertThat(r).as(why).containsEntry(c + ".exit", "ok");
                    }
                    assertNoTunnelsLeft(cohort);
                }
            }
            assertDecodesCleanly(pcap);
        }
    }

    /**
     * Wireshark's dissectors find the whole exchange well formed: the PPTP control messages, the
     * enhanced GRE, and PPP inside with CHAP (MS-CHAPv2), CCP and the MPPE-encrypted packets (PPP protocol 0x00FD).
     */
    private static void assertDecodesCleanly(Path pcap) {
        try {
            Files.copy(pcap, Path.of("target", "pptp-guest.pcap"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // RFC 2637 control message types: 1, 2 start; 7, 8 outgoing call; 12 clear; 13 disconnect notify.
        assertThat(Tshark.fieldValues(pcap, "pptp.control_message_type")).contains("1", "2", "7", "8", "12", "13");
        assertThat(Tshark.run("-r", pcap.toString(), "-V")).contains("Point-to-Point Tunnelling Protocol",
                "Generic Routing Encapsulation", "PPP Link Control Protocol", "PPP Challenge Handshake Authentication Protocol",
                "PPP Compression Control Protocol", "PPP Compressed Datagram").doesNotContain("Malformed Packet");
        // pptp-linux closes its TCP connection right after its Call-Clear-Request, so its kernel
        // answers our Call-Disconnect-Notify with a reset that Wireshark rates a warning: the
        // client host's packet, not ours.
        String complaints = Tshark.complaints(pcap, "tcp.flags.reset == 1 && ip.src == 192.0.2.2");
        assertThat(complaints).as("tshark's malformed packets and warnings").isBlank();
    }

    /** The server has let go of every call, control connection and address (it may lag pppd's exit a little). */
    private static void assertNoTunnelsLeft(CohortProcess cohort) {
        await("every call, control connection and pool address released").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    StatusDocument status = cohort.status();
                    assertThat(status.tunnels()).as("tunnels after every call was hung up").isEmpty();
                    assertThat(status.pool().used()).as("pool addresses in use").isZero();
                });
    }
}
