package io.cohort.systemtests;

import io.cohort.lab.localcluster.ClusterLan;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.testbed.Tshark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tcpdump on the client namespace's link to the LAN, where every packet of the built-in clients
 * passes whichever member serves it, for the length of one event; {@link #stop()} decodes the
 * capture with Wireshark's dissectors (tshark: L2TP on UDP 1701 with PPP in its data messages,
 * PPTP on TCP 1723, PPP in enhanced GRE; MPPE encrypts only PPP data frames, never LCP) and counts
 * the packets that would start a set-up ({@link SetUpPackets}). The capture is kept under
 * {@code target/captures} (numbered in the order taken) for a failure to be read in Wireshark.
 */
final class ClientCapture implements AutoCloseable {
    private static final Duration LISTENING = Duration.ofSeconds(20);
    private static final Duration EXIT = Duration.ofSeconds(20);
    /** Enough of each packet for the L2TP or GRE header, PPP's protocol and LCP's code. */
    private static final int SNAPLEN = 256;
    private static final String FILTER = "udp port 1701 or tcp port 1723 or ip proto 47";
    /** Numbers the captures of one test run, so that two events of the same name keep both files. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    private final Process tcpdump;
    private final Path file;
    private final String clientAddress;
    private final List<String> stderr = new ArrayList<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();

    private ClientCapture(Process tcpdump, Path file, String clientAddress) {
        this.tcpdump = tcpdump;
        this.file = file;
        this.clientAddress = clientAddress;
        Thread.ofPlatform().daemon().name("tcpdump-stderr").start(this::readStderr);
    }

    /** Starts capturing into {@code target/captures/NAME.pcap} and returns once tcpdump listens. */
    static ClientCapture start(LocalCluster cluster, String name) throws InterruptedException {
        Path file = Path.of("target", "captures", String.format("%03d-", SEQUENCE.incrementAndGet()) + name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".pcap").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            // -Z root: Debian's tcpdump otherwise drops to its own user before it opens the file.
            // --immediate-mode -U: every packet written as it comes, none left in a buffer at the stop.
            Process p = new ProcessBuilder(cluster.clientNamespace().inside(List.of("tcpdump", "-Z", "root",
                    "--immediate-mode", "-U", "-n", "-B", "16384", "-s", Integer.toString(SNAPLEN), "-i", ClusterLan.DEVICE,
                    "-w", file.toString(), FILTER))).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ClientCapture capture = new ClientCapture(p, file, cluster.settings().lan().clientAddress());
            capture.awaitListening();
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start tcpdump (Debian package tcpdump)", e);
        }
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (stderr) {
                    stderr.add(line);
                }
                if (line.contains("listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("tcpdump exited: " + stderr()));
        exited.complete(null);
    }

    private void awaitListening() throws InterruptedException {
        try {
            listening.get(LISTENING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tcpdump.destroyForcibly();
            throw new AssertionError("tcpdump did not start listening on the clients' link: " + stderr(), e);
        }
    }

    private String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    /** Stops tcpdump (SIGTERM: it writes out what it has) and counts what it captured. */
    SetUpPackets stop() throws InterruptedException {
        tcpdump.destroy();
        if (!tcpdump.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
            tcpdump.destroyForcibly();
            throw new AssertionError("tcpdump did not stop within " + EXIT + ": " + stderr());
        }
        try {
            exited.get(EXIT.toMillis(), TimeUnit.MILLISECONDS); // its standard error read to the end
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read tcpdump's standard error: " + stderr(), e);
        }
        Matcher dropped = DROPPED.matcher(stderr());
        // One pass over the capture: on a loaded host tshark takes seconds per pass.
        String fields = Tshark.run("-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "ip.src", "-e", "frame.protocols", "-e", "l2tp.avp.message_type", "-e", "tcp.dstport",
                "-e", "tcp.flags.syn", "-e", "tcp.flags.ack", "-e", "ppp.code");
        return SetUpPackets.count(fields, clientAddress, dropped.find() ? Long.parseLong(dropped.group(1)) : 0);
    }

    /** Kills tcpdump if it still runs (a check that failed before {@link #stop()}). */
    @Override
    public void close() {
        tcpdump.destroyForcibly();
    }
}
