package io.cohort.testbed.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Boots the guest on a tap in a fresh namespace and checks that the stock clients can run there:
 * /dev/ppp exists, pppd and pptp start, ppp_mppe is loaded, the namespace answers pings, two
 * pppds bring up a PPP link through the guest kernel, and xl2tpd's SCCRQ (RFC 2661 section 6.1)
 * reaches the namespace.
 */
class QemuGuestIT {

  private static final String HOST = "192.0.2.1";
  private static final String TAP = "cgtap0";

  private static final String XL2TPD_CONF = """
      [global]
      port = 1701
      access control = no

      [lac test]
      lns = %s
      autodial = yes
      redial = no
      ppp debug = no
      pppoptfile = /etc/ppp/options.l2tpd.client
      """.formatted(HOST);

  private static final String SCRIPT = """
      udp_out() { awk '/^Udp:/ && $2 ~ /^[0-9]+$/ { print $5 }' /proc/net/snmp; }
      [ -c /dev/ppp ] && cohort-result dev_ppp present
      cohort-result pppd_version "$(pppd --version 2>&1)"
      cohort-result pptp_version "$(pptp --version 2>&1 | grep -m 1 version)"
      grep -q '^ppp_mppe ' /proc/modules && cohort-result ppp_mppe loaded
      if ping -c 1 -W 5 %s >/dev/null 2>&1; then cohort-result ping ok; else cohort-result ping failed; fi
      # Full PPP through the kernel: two pppds over a pty negotiate LCP and IPCP (ppp_async).
      pppd noauth nodetach local 10.9.0.1:10.9.0.2 pty "pppd noauth nodetach notty local" \
        >/tmp/pppd.log 2>&1 &
      pppd_pid=$!
      tries=0
      while ! ip addr show ppp1 2>/dev/null | grep -q 'inet 10.9.0.2' && [ $tries -lt 150 ]; do
        sleep 0.1
        tries=$((tries + 1))
      done
      cohort-result ppp_link "$(ip addr show ppp0 | awk '/inet / { print $2, $3, $4 }')"
      kill $pppd_pid
      before=$(udp_out)
      xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /var/run/xl2tpd.pid -C /var/run/xl2tpd/l2tp-control \\
        >/tmp/xl2tpd.log 2>&1 &
      tries=0
      while [ "$(udp_out)" -le "$before" ] && [ $tries -lt 150 ]; do
        sleep 0.1
        tries=$((tries + 1))
      done
      cohort-result udp_datagrams_sent $(( $(udp_out) - before ))
      kill $!
      sed 's/^/xl2tpd: /' /tmp/xl2tpd.log
      """.formatted(HOST);

  private final String namespace = "cohort-guest-it-" + ProcessHandle.current().pid();
  private Process capture;

  @BeforeEach
  void createNamespace() throws IOException {
    assumeTrue(isRoot(), "needs root for network namespaces and tap devices");
    assumeTrue(onPath("qemu-system-x86_64"), "needs qemu-system-x86_64 (apt-get install qemu-system-x86)");
    assumeTrue(onPath("tcpdump"), "needs tcpdump to capture the SCCRQ");
    HostCommand.run("ip", "netns", "add", namespace);
    HostCommand.run("ip", "-n", namespace, "link", "set", "lo", "up");
  }

  @AfterEach
  void removeNamespace() throws InterruptedException {
    if (capture != null) {
      capture.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (Files.exists(Path.of("/run/netns", namespace))) {
      HostCommand.run("ip", "netns", "delete", namespace);
    }
  }

  @Test
  void stockClientsRunInTheGuestAndXl2tpdSendsItsSccrqIntoTheNamespace() throws Exception {
    long buildStart = System.nanoTime();
    GuestImage image = GuestImage.buildOrReuse();
    Duration build = Duration.ofNanos(System.nanoTime() - buildStart);
    CompletableFuture<byte[]> pcap = startCapture();
    var spec = GuestSpec.of(namespace, TAP, "192.0.2.2/24", SCRIPT)
        .withHostAddress(HOST + "/24")
        .withGateway(HOST)
        .withFile("/etc/xl2tpd/xl2tpd.conf", XL2TPD_CONF)
        .withFile("/etc/ppp/options.l2tpd.client", "noauth\nnodefaultroute\n")
        .withTimeout(Duration.ofSeconds(100));

    try (var guest = QemuGuest.boot(spec, image)) {
      guest.awaitLine(Pattern.compile("COHORT-BOOTED"), Duration.ofSeconds(60));
      Duration booted = guest.elapsed();
      int status = guest.awaitExit(Duration.ofSeconds(90));
      Duration exited = guest.elapsed();
      var sccrq = CapturedDatagram.firstIn(pcap.orTimeout(20, TimeUnit.SECONDS)
          .exceptionally(e -> {
            throw new AssertionError("tcpdump captured no SCCRQ; console:\n" + guest.consoleLog(), e);
          }).join());
      System.out.printf("guest: image %d ms, booted after %d ms, results and power-off after %d ms%n",
          build.toMillis(), booted.toMillis(), exited.toMillis());

      assertThat(status).as(guest.consoleLog()).isZero();
      assertThat(guest.results()).as(guest.consoleLog())
          .containsEntry("dev_ppp", "present")
          .containsEntry("ppp_mppe", "loaded")
          .containsEntry("ping", "ok")
          .containsEntry("ppp_link", "10.9.0.1 peer 10.9.0.2/32")
          .hasEntrySatisfying("pppd_version", version -> assertThat(version).startsWith("pppd version 2."))
          .hasEntrySatisfying("pptp_version", version -> assertThat(version).contains("pptp version 1."))
          .hasEntrySatisfying("udp_datagrams_sent", sent -> assertThat(Integer.parseInt(sent)).isPositive());
      // RFC 2661 3.1: T and L bits set (S too), version 2; tunnel and session 0 before the SCCRP.
      assertThat(sccrq.payload()[0] & 0xc0).isEqualTo(0xc0);
      assertThat(sccrq.payload()[1] & 0x0f).isEqualTo(2);
      assertThat(sccrq.u16(2)).isEqualTo(sccrq.payload().length);
      assertThat(sccrq.u16(4)).as("tunnel id").isZero();
      assertThat(sccrq.u16(6)).as("session id").isZero();
      // First AVP: mandatory, 8 bytes long, IETF (vendor 0), Message Type (0) = SCCRQ (1).
      assertThat(sccrq.u16(12) & 0x03ff).isEqualTo(8);
      assertThat(sccrq.u16(14)).isZero();
      assertThat(sccrq.u16(16)).isZero();
      assertThat(sccrq.u16(18)).isEqualTo(1);
    }
  }

  @Test
  void closeKillsAGuestThatIsStillRunningAndRemovesItsTap() {
    var spec = GuestSpec.of(namespace, TAP, "192.0.2.2/24", "cohort-result waiting yes\nsleep 600\n");
    var guest = QemuGuest.boot(spec);
    try (guest) {
      guest.awaitLine(Pattern.compile("COHORT-RESULT waiting=yes"), Duration.ofSeconds(60));
      assertThat(HostCommand.succeeds("ip", "-n", namespace, "link", "show", TAP)).isTrue();
    }

    assertThat(guest.isRunning()).isFalse();
    assertThat(HostCommand.succeeds("ip", "-n", namespace, "link", "show", TAP)).isFalse();
  }

  /** tcpdump in the namespace, ready before this returns; completes with its pcap output. */
  private CompletableFuture<byte[]> startCapture() throws IOException {
    capture = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", "any", "-U", "-n",
        "-c", "1", "-w", "-", "udp dst port 1701")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    InputStream packets = capture.getInputStream();
    CompletableFuture<byte[]> pcap = CompletableFuture.supplyAsync(() -> {
      try (packets) {
        return packets.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    SerialConsole.attach(capture.getErrorStream(), OutputStream.nullOutputStream())
        .awaitLine(Pattern.compile("listening on"), Duration.ofSeconds(20));
    return pcap;
  }

  private static boolean isRoot() throws IOException {
    try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
      return status.anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
