package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final String GATEWAY = GuestNetwork.GATEWAY;
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
            GuestNetwork network = GuestNetwork.create(net);
            String ini = Tools.template("server-ppp.ini", "POOL", GuestNetwork.POOL, "GATEWAY", GATEWAY);
            try (CohortProcess cohort = CohortProcess.start(network.server(), dir, ini, GuestNetwork.users())) {
                long serverUp = System.nanoTime();
                GuestSpec spec = network.guest(Tools.template("guest/run.sh", "CASES", String.join(" ", CASES)))
                        .withFile("/etc/xl2tpd/xl2tpd.conf", Tools.template("guest/xl2tpd.conf", "LNS", StockXl2tpdIT.SERVER))
                        .withFile("/etc/ppp/options.common", Tools.template("guest/options.common"))
                        .withFile("/etc/ppp/pap-secrets", GuestNetwork.guestSecrets("guest/pap-secrets"))
                        .withFile("/etc/ppp/chap-secrets", GuestNetwork.guestSecrets("guest/chap-secrets"))
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
}
