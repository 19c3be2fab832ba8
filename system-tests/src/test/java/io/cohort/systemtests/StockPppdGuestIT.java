package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import io.cohort.testbed.guest.GuestSpec;
import io.cohort.testbed.guest.QemuGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full PPP path with stock Debian clients: pppd 2.4.9 over xl2tpd 1.3.18 in a QEMU guest
 * (this host's kernel has no ppp) against the packaged server. For each of PAP, CHAP-MD5 and
 * MS-CHAPv2 pppd authenticates with that method (it refuses the others), gets an IPv4 address
 * from the pool by IPCP, and pings the server's gateway address through the tunnel (PPP in L2TP
 * data messages, then the server's TUN). A wrong password is refused. One guest boot runs all
 * cases in sequence.
 *
 * <pre>
 *  guest 192.0.2.2 --tap-- [cli 192.0.2.1, 10.1.0.2] --veth-- [srv 10.1.0.1, cohort0 10.99.0.1]
 * </pre>
 */
class StockPppdGuestIT {
    private static final String POOL = "10.99.0.0/24";
    private static final String GATEWAY = "10.99.0.1";
    private static final String ALICE_PASSWORD = "alice-in-the-tunnel";
    private static final String BOB_PASSWORD = "bobs-real-password";
    private static final String[] CASES = {"pap", "chap-md5", "mschapv2", "wrong-password"};

    @TempDir
    Path dir;

    @BeforeEach
    void preconditions() {
        Privileges.assumeNetworkAdmin();
        Tools.assumeInstalled("qemu-system-x86_64", "qemu-system-x86");
        Tools.assumeServerJar();
    }

    @Test
    void stockPppdAuthenticatesGetsAnAddressAndPingsThroughTheTunnel() {
        long start = System.nanoTime();
        try (TestNetwork net = TestNetwork.create()) {
            Netns[] ns = StockXl2tpdIT.pair(net);
            Netns server = ns[0];
            Netns client = ns[1];
            client.enableForwarding();
            server.addRoute("192.0.2.0/24", StockXl2tpdIT.CLIENT);

            String ini = Tools.template("server-ppp.ini", "POOL", POOL, "GATEWAY", GATEWAY);
            String users = Tools.template("users", "ALICE_PASSWORD", ALICE_PASSWORD, "BOB_PASSWORD", BOB_PASSWORD);
            try (CohortProcess cohort = CohortProcess.start(server, dir, ini, users)) {
                long serverUp = System.nanoTime();
                GuestSpec spec = GuestSpec.of(client.name(), "tap0", "192.0.2.2/24",
                                Tools.template("guest/run.sh", "GATEWAY", GATEWAY, "CASES", String.join(" ", CASES)))
                        .withHostAddress("192.0.2.1/24")
                        .withGateway("192.0.2.1")
                        .withFile("/etc/xl2tpd/xl2tpd.conf", Tools.template("guest/xl2tpd.conf", "LNS", StockXl2tpdIT.SERVER))
                        .withFile("/etc/ppp/options.common", Tools.template("guest/options.common"))
                        .withFile("/etc/ppp/pap-secrets", secrets("guest/pap-secrets"))
                        .withFile("/etc/ppp/chap-secrets", secrets("guest/chap-secrets"))
                        .withTimeout(Duration.ofSeconds(240));
                for (String c : CASES) {
                    spec = spec.withFile("/etc/ppp/options." + c, Tools.template("guest/options." + c));
                }
                try (QemuGuest guest = QemuGuest.boot(spec)) {
                    guest.awaitLine(Pattern.compile("COHORT-BOOTED"), Duration.ofSeconds(60));
                    Duration booted = guest.elapsed();
                    int status = guest.awaitExit(Duration.ofSeconds(220));
                    System.out.printf("StockPppdGuestIT: server up after %d ms, guest booted after %d ms, all cases"
                                    + " done after %d ms (guest), %d ms in all%n",
                            (serverUp - start) / 1_000_000, booted.toMillis(), guest.elapsed().toMillis(),
                            (System.nanoTime() - start) / 1_000_000);
                    String why = "guest console:\n" + guest.consoleLog() + "\nserver log:\n" + cohort.log();
                    assertThat(status).as(why).isZero();
                    Map<String, String> r = guest.results();
                    assertThat(r).as(why)
                            .containsEntry("pap.auth", "<auth pap>")
                            .containsEntry("chap-md5.auth", "<auth chap MD5>")
                            .containsEntry("mschapv2.auth", "<auth chap MS-v2>")
                            .containsEntry("wrong-password.auth", "<auth chap MS-v2>");
                    for (String c : new String[] {"pap", "chap-md5", "mschapv2"}) {
                        assertThat(r).as(why)
                                .containsEntry(c + ".auth_result", "succeeded")
                                .containsEntry(c + ".ping", "ok")
                                .hasEntrySatisfying(c + ".ip", ip -> assertThat(ip).startsWith("10.99.0.").isNotEqualTo(GATEWAY));
                    }
                    assertThat(r).as(why)
                            .containsEntry("wrong-password.auth_result", "failed")
                            .containsEntry("wrong-password.ip", "none")
                            .doesNotContainKey("wrong-password.ping");
                }
            }
        }
    }

    private static String secrets(String name) {
        return Tools.template(name, "ALICE_PASSWORD", ALICE_PASSWORD, "BOB_WRONG_PASSWORD", "not-" + BOB_PASSWORD);
    }
}
