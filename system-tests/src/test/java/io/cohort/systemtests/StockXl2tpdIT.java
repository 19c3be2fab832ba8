package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock Debian xl2tpd 1.3.18 as the LAC against the packaged Cohort server as the LNS, each in its
 * own namespace on a veth pair: tunnel set-up (SCCRQ/SCCRP/SCCCN, RFC 2661 section 5) and call
 * set-up (ICRQ/ICRP/ICCN) complete by xl2tpd's own account, with and without tunnel
 * authentication (section 5.1.1) and hidden AVPs (section 4.3); a wrong shared secret is refused.
 */
class StockXl2tpdIT {
    static final String SERVER = "10.1.0.1";
    static final String CLIENT = "10.1.0.2";
    private static final Duration SETUP = Duration.ofSeconds(20);
    private static final Pattern CLOSED_BY_SERVER = Pattern.compile("Connection (\\d+ )?closed to " + Pattern.quote(SERVER));

    @TempDir
    Path dir;

    @BeforeEach
    void preconditions() {
        LacAndLns.assumeRunnable();
    }

    @Test
    void tunnelAndCallComeUpWithoutTunnelAuthentication() {
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess server = pair.startServer(dir, serverIni("", false));
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "", false, false)) {
            lac.awaitLogLine(Xl2tpdLac.TUNNEL_UP, SETUP);
            lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
            assertThat(server.counter("l2tp.tunnel.created")).as(server.statusJson()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void tunnelAndCallComeUpWithChallengeAndHiddenAvps() {
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess server = pair.startServer(dir, serverIni("s3cret-of-the-tunnel", true));
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "s3cret-of-the-tunnel", true, true)) {
            lac.awaitLogLine(Xl2tpdLac.TUNNEL_UP, SETUP);
            lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
            assertThat(server.counter("l2tp.tunnel.auth_failed")).as(server.statusJson()).isZero();
        }
    }

    /** The server challenges (SCCRP); xl2tpd answers in its SCCCN with the wrong secret. */
    @Test
    void theServerRefusesALacWithTheWrongSecret() {
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess server = pair.startServer(dir, serverIni("the-servers-secret", false));
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "not-the-servers-secret", false, false)) {
            // xl2tpd thinks the tunnel is up once it has sent its SCCCN; the server's StopCCN closes it.
            lac.awaitLogLine(CLOSED_BY_SERVER, SETUP);
            assertThat(lac.log()).doesNotContain("Call established");
            assertThat(server.counter("l2tp.tunnel.auth_failed")).as(server.statusJson()).isGreaterThanOrEqualTo(1);
        }
    }

    /** xl2tpd challenges (SCCRQ); the server's response in its SCCRP, made with its secret, does not match. */
    @Test
    void theLacRefusesAServerWithTheWrongSecret() {
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess server = pair.startServer(dir, serverIni("the-servers-secret", false));
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "not-the-servers-secret", true, false)) {
            lac.awaitLogLine(Pattern.compile("Connection \\d+ closed to " + Pattern.quote(SERVER)
                    + ".*Invalid challenge authentication"), SETUP);
            assertThat(lac.log()).doesNotContain("Connection established").doesNotContain("Call established");
            server.awaitLogLine(Pattern.compile("tunnel \\d+ with .* closed during set-up: peer sent StopCCN"), SETUP);
            assertThat(server.counter("l2tp.tunnel.stopccn.rx")).as(server.statusJson()).isGreaterThanOrEqualTo(1);
        }
    }

    /** The server and client namespaces on a veth pair: {@value SERVER} and {@value CLIENT}. */
    static Netns[] pair(TestNetwork net) {
        Netns server = net.namespace("srv");
        Netns client = net.namespace("cli");
        net.veth(server, "eth0", client, "eth0");
        server.addAddress("eth0", SERVER + "/24");
        client.addAddress("eth0", CLIENT + "/24");
        return new Netns[] {server, client};
    }

    static String serverIni(String secret, boolean hide) {
        return Tools.template("server-l2tp.ini", "SECRET", secret, "HIDE", Boolean.toString(hide));
    }
}
