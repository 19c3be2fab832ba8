package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import io.cohort.testbed.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole xl2tpd session with the server (tunnel, call, the call hung up, the tunnel closed),
 * captured on the server's interface and decoded by Wireshark's dissector (tshark): every control
 * message is well formed in Wireshark's judgement (no malformed packets, no expert warnings or
 * errors), and the capture holds the tunnel set-up (SCCRQ, SCCRP, SCCCN) and call set-up (ICRQ,
 * ICRP, ICCN) messages (RFC 2661 section 3.2).
 */
class TsharkDecodeIT {
    /** RFC 2661 section 3.2 message types as tshark prints {@code l2tp.avp.message_type}. */
    private static final String SCCRQ = "1", SCCRP = "2", SCCCN = "3", STOPCCN = "4", ICRQ = "10", ICRP = "11",
            ICCN = "12";
    private static final Duration SETUP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeEach
    void preconditions() {
        LacAndLns.assumeRunnable();
        Tools.assumeCaptureTools();
    }

    @Test
    void wiresharkDecodesAWholeSessionWithoutComplaint() throws Exception {
        Path pcap = captureSession("", false);

        assertThat(messageTypes(pcap)).contains(SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN, STOPCCN);
        assertNoComplaints(pcap);
    }

    /**
     * With tunnel authentication both ways the Challenge and Challenge Response AVPs are on the wire
     * too; with hidden AVPs (section 4.3) the message types stay visible (they are never hidden).
     */
    @Test
    void wiresharkDecodesAnAuthenticatedSessionWithHiddenAvpsWithoutComplaint() throws Exception {
        Path pcap = captureSession("s3cret-of-the-tunnel", true);

        assertThat(messageTypes(pcap)).contains(SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN, STOPCCN);
        assertNoComplaints(pcap, "-o", "l2tp.shared_secret:s3cret-of-the-tunnel");
        String decoded = Tshark.run("-r", pcap.toString(), "-V");
        assertThat(decoded).contains("AVP Type: Challenge (11)", "AVP Type: Challenge Response (13)",
                "AVP Type: Random Vector (36)", "= Hidden: True");
    }

    /** Runs one xl2tpd session against the server and returns the capture taken on the server's side. */
    private Path captureSession(String secret, boolean authenticateAndHide) throws Exception {
        Path pcap = dir.resolve("session.pcap");
        try (LacAndLns pair = LacAndLns.create()) {
            Netns server = pair.serverNamespace();
            // One tcpdump writes the pcap; a second prints tcpdump's own L2TP decoding, so that the
            // test can wait for the end of the session (the StopCCN) instead of sleeping. "-Z root":
            // Debian's tcpdump otherwise drops to its own user before it opens the file, and the
            // test's directory is root's alone.
            // --immediate-mode: the session is over in well under a second, before the kernel's
            // capture buffer would otherwise hand the packets over.
            try (PeerProcess capture = server.startProcess("tcpdump", "-Z", "root", "--immediate-mode", "-U", "-n",
                    "-i", "eth0", "-w", pcap.toString(), "udp port 1701");
                 PeerProcess watch = server.startProcess("tcpdump", "-i", "eth0", "-l", "-n", "udp port 1701")) {
                capture.awaitLogLine(Pattern.compile("listening on eth0"), Duration.ofSeconds(20));
                watch.awaitLogLine(Pattern.compile("listening on eth0"), Duration.ofSeconds(20));
                try (CohortProcess cohort = pair.startServer(dir, StockXl2tpdIT.serverIni(secret, authenticateAndHide));
                     Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), secret, authenticateAndHide,
                             authenticateAndHide)) {
                    lac.awaitLogLine(Xl2tpdLac.TUNNEL_UP, SETUP);
                    lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
                    // Its pppd cannot start here, so xl2tpd hangs up the call (CDN); then close the tunnel.
                    lac.control("d cohort");
                    watch.awaitLogLine(Pattern.compile("MSGTYPE\\(StopCCN\\)"), SETUP);
                    lac.awaitLogLine(Pattern.compile("Connection \\d+ closed to "), SETUP);
                }
            }
        }
        assertThat(Files.size(pcap)).isPositive();
        // Kept for whoever has to look at a failure in Wireshark.
        Files.copy(pcap, Path.of("target", "session-" + (authenticateAndHide ? "hidden" : "clear") + ".pcap"),
                StandardCopyOption.REPLACE_EXISTING);
        return pcap;
    }

    private static Set<String> messageTypes(Path pcap) {
        return Tshark.fieldValues(pcap, "l2tp.avp.message_type");
    }

    private static void assertNoComplaints(Path pcap, String... preferences) {
        String complaints = Tshark.complaints(pcap, "", preferences);
        assertThat(complaints).as("tshark found malformed packets or warnings:%n%s", complaints).isBlank();
        List<String> args = new ArrayList<>(List.of(preferences));
        args.addAll(List.of("-r", pcap.toString(), "-V"));
        assertThat(Tshark.run(args.toArray(String[]::new)))
                .contains("Layer 2 Tunneling Protocol").doesNotContain("Malformed Packet");
    }
}
