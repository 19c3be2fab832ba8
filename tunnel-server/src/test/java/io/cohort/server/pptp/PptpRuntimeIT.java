package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.DecodeError;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.server.registry.SessionStatus;
import io.cohort.testbed.PeerProcess;
import io.cohort.testbed.PptpLinuxClient;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.Tshark;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PPTP runtime (with L2TP beside it on one engine loop) in a namespace against stock
 * pptp-linux in another, and against hand-made bad TCP peers. pptp-linux runs without pppd, so
 * PPP goes only as far as LCP: the test plays pppd's side of its pseudo-terminal.
 */
class PptpRuntimeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern CALL_ESTABLISHED = Pattern.compile("Outgoing call established");
    /** An LCP Configure-Request (RFC 1661 5.1) with FF 03, HDLC-escaped as pptp-linux writes it: FF 7D23 C021 7D21. */
    private static final byte[] SERVER_CONFIGURE_REQUEST = HexFormat.of().parseHex("ff7d23c0217d21");
    /** An LCP Configure-Ack, escaped likewise: FF 7D23 C021 7D22. */
    private static final byte[] SERVER_CONFIGURE_ACK = HexFormat.of().parseHex("ff7d23c0217d22");
    /** What the test sends as the client's pppd: Configure-Request id 0x42, Magic-Number 0x11223344. */
    private static final byte[] CLIENT_CONFIGURE_REQUEST = HexFormat.of().parseHex("ff03c0210142000a050611223344");

    @TempDir
    Path dir;

    private PptpServerFixture f;
    private PptpLinuxClient pptp;

    @BeforeEach
    void startServer() throws Exception {
        Privileges.assumeNetworkAdmin();
        f = PptpServerFixture.start(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            if (pptp != null) {
                pptp.close();
            }
        } finally {
            if (f != null) {
                f.close();
            }
        }
    }

    @Test
    void stockPptpLinuxPlacesACallExchangesPppOverGreAndIsCleanedUpWhenKilled() throws Exception {
        assertThat(f.server.execOrThrow("ss", "-lnu")).as("L2TP beside PPTP")
                .containsPattern("192\\.0\\.2\\.1]?:1701");
        pptp = PptpLinuxClient.start(f.client, dir.resolve("pptp"), PptpServerFixture.SERVER);

        String established = pptp.syslog().await(CALL_ESTABLISHED, WAIT);
        await("a PPTP session in the registry", () -> f.pptpSessions().size() == 1, WAIT, this::state);

        assertThat(f.pptpTunnels()).singleElement().satisfies(t -> {
            assertThat(t.peer().getAddress().getHostAddress()).isEqualTo("192.0.2.2");
            assertThat(t.sessions()).isEqualTo(1);
        });
        SessionStatus call = f.pptpSessions().getFirst();
        String status = f.statusText();
        System.out.println(established + "\n" + status);
        assertThat(status).contains("pptp");
        assertThat(established).as("pptp-linux logs the server's Call ID").contains(
                "peer's call ID " + call.key().localId());

        // Server → client over GRE: our LCP starts at once and pptp-linux hands it to "pppd".
        await("the server's LCP Configure-Request on pptp-linux's terminal",
                () -> contains(received(), SERVER_CONFIGURE_REQUEST), WAIT, this::state);
        // Client → server over GRE: the server's LCP acknowledges the client's request.
        pptp.sendPpp(CLIENT_CONFIGURE_REQUEST);
        await("the server's LCP Configure-Ack on pptp-linux's terminal",
                () -> contains(received(), SERVER_CONFIGURE_ACK), WAIT, this::state);
        assertThat(f.pptpSessions().getFirst().traffic().bytesIn()).isPositive();
        assertThat(f.counter("pptp.gre.rx.unknown_call")).isZero();

        pptp.close();
        pptp = null;

        await("the call and the control connection gone from the registry",
                () -> f.pptpTunnels().isEmpty() && f.pptpSessions().isEmpty(), WAIT, this::state);
        assertThat(f.fatal).isEmpty();
    }

    /**
     * A whole pptp-linux session (control connection, call, LCP both ways over GRE, the client's
     * end), captured on the server's interface: Wireshark's dissectors find every PPTP control
     * message, the enhanced GRE and the PPP inside well formed.
     */
    @Test
    void wiresharkDecodesAWholePptpSessionWithoutComplaint() throws Exception {
        Assumptions.assumeTrue(Tshark.installed() && Files.isExecutable(Path.of("/usr/bin/tcpdump")),
                "needs tshark and tcpdump");
        Path pcap = dir.resolve("pptp.pcap");
        // "-Z root": Debian's tcpdump drops to its own user before opening the file otherwise;
        // --immediate-mode: the session is over before the kernel would hand over a buffer.
        try (PeerProcess capture = f.server.startProcess("tcpdump", "-Z", "root", "--immediate-mode", "-U", "-n",
                "-i", "v-pns", "-w", pcap.toString(), "tcp port 1723 or ip proto 47")) {
            capture.awaitLogLine(Pattern.compile("listening on v-pns"), WAIT);
            pptp = PptpLinuxClient.start(f.client, dir.resolve("pptp"), PptpServerFixture.SERVER);
            pptp.syslog().await(CALL_ESTABLISHED, WAIT);
            await("the server's LCP Configure-Request on pptp-linux's terminal",
                    () -> contains(received(), SERVER_CONFIGURE_REQUEST), WAIT, this::state);
            pptp.sendPpp(CLIENT_CONFIGURE_REQUEST);
            await("the server's LCP Configure-Ack on pptp-linux's terminal",
                    () -> contains(received(), SERVER_CONFIGURE_ACK), WAIT, this::state);
            pptp.close();
            pptp = null;
            await("the call gone from the registry", () -> f.pptpSessions().isEmpty(), WAIT, this::state);
        }
        Files.copy(pcap, Path.of("target", "pptp-session.pcap"), StandardCopyOption.REPLACE_EXISTING);

        String decoded = Tshark.run("-r", pcap.toString(), "-V");
        assertThat(decoded).contains("Point-to-Point Tunnelling Protocol", "Generic Routing Encapsulation",
                "PPP Link Control Protocol").doesNotContain("Malformed Packet");
        // RFC 2637 control message types 1, 2 (start), 7, 8 (outgoing call).
        assertThat(Tshark.fieldValues(pcap, "pptp.control_message_type")).contains("1", "2", "7", "8");
        // Killed pptp-linux's kernel may answer our last Call-Disconnect-Notify with a TCP reset,
        // which Wireshark rates a warning: that packet is the client host's, not ours.
        String complaints = Tshark.complaints(pcap, "tcp.flags.reset == 1 && ip.src == 192.0.2.2");
        assertThat(complaints).as("tshark's malformed packets and warnings").isBlank();
    }

    @Test
    void garbageHalfMessagesAndStalledPeersAreCutOffWhileAnEstablishedCallGoesOn() throws Exception {
        pptp = PptpLinuxClient.start(f.client, dir.resolve("pptp"), PptpServerFixture.SERVER);
        pptp.syslog().await(CALL_ESTABLISHED, WAIT);
        await("a PPTP session", () -> f.pptpSessions().size() == 1, WAIT, this::state);
        SessionStatus call = f.pptpSessions().getFirst();

        // Garbage: the framer refuses the header at once (1.4: loss of synchronisation).
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: cohort\r\n\r\n".getBytes());
            assertThat(readUntilClosed(s, WAIT)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(Arrays.stream(DecodeError.values()).mapToLong(e -> f.counter("pptp.control.rx.malformed."
                + e.name().toLowerCase(Locale.ROOT))).sum()).isPositive();

        // Half a Start-Control-Connection-Request, then silence: the set-up timer (3.1.4) ends it.
        try (Socket s = connect()) {
            s.getOutputStream().write(Arrays.copyOf(bytes(sccrq()), 40));
            assertThat(readUntilClosed(s, WAIT)).isGreaterThanOrEqualTo(PptpServerFixture.PPTP_TIMER.minusMillis(200));
        }
        assertThat(f.counter("pptp.control.setup_timeout")).isPositive();

        // Established, then deaf to Echo-Requests: closed after the echo interval twice over.
        try (Socket s = connect()) {
            s.getOutputStream().write(bytes(sccrq()));
            assertThat(readUntilClosed(s, WAIT)).isGreaterThanOrEqualTo(PptpServerFixture.PPTP_TIMER);
        }
        assertThat(f.counter("pptp.control.echo_timeout")).isPositive();

        // Established, then flooding Echo-Requests without reading a reply: cut off when the replies pile up.
        try (Socket s = connect(4096)) {
            OutputStream out = s.getOutputStream();
            out.write(bytes(sccrq()));
            byte[] burst = new byte[16 * 1024];
            for (int i = 0; i < burst.length / 16; i++) {
                System.arraycopy(bytes(new ControlMessage.EchoRequest(i)), 0, burst, i * 16, 16);
            }
            boolean cutOff = false;
            for (int i = 0; i < 4096 && !cutOff; i++) {
                try {
                    out.write(burst);
                } catch (IOException reset) {
                    cutOff = true;
                }
            }
            assertThat(cutOff).as("the server closed a peer that does not read").isTrue();
        }
        assertThat(f.counter("pptp.tcp.closed.not_reading")).isPositive();
        // The reset reaches the peer before the engine has dropped the connection's row.
        await("the flooding peer's control connection gone", () -> f.pptpTunnels().size() == 1, WAIT, this::state);

        assertThat(pptp.process().isAlive()).as(pptp.describe()).isTrue();
        assertThat(f.pptpSessions()).singleElement().satisfies(s -> assertThat(s.key()).isEqualTo(call.key()));
        assertThat(f.pptpTunnels()).hasSize(1);
        assertThat(pptp.syslog().messages()).noneMatch(m -> m.contains("Call disconnect")
                || m.contains("Control connection closed"));
        assertThat(f.fatal).isEmpty();
    }

    private Socket connect() {
        return connect(0);
    }

    private Socket connect(int receiveBuffer) {
        return f.client.runInside(() -> {
            Socket s = new Socket();
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress(PptpServerFixture.SERVER, 1723), 5000);
            return s;
        });
    }

    /** Reads (and drops) until the server closes; how long that took. Fails after {@code timeout}. */
    private static Duration readUntilClosed(Socket s, Duration timeout) throws IOException {
        long start = System.nanoTime();
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // an SCCRP, an Echo-Request: not answered
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout, e);
        } catch (IOException reset) {
            // a reset is a close too
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static ControlMessage sccrq() {
        return new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 1, "bad-peer", "test");
    }

    private static byte[] bytes(ControlMessage m) {
        ByteBuffer b = PptpCodec.encode(m);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private byte[] received() {
        try {
            return pptp.pppReceived();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private String state() {
        return "registry: " + f.registry.tunnels() + " " + f.registry.sessions() + "\ncounters: "
                + new java.util.TreeMap<>(f.counters.snapshot()) + "\nPPP from the server: "
                + HexFormat.of().formatHex(received()) + "\n" + (pptp == null ? "" : pptp.describe());
    }
}
