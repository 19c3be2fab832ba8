package io.cohort.testbed.guest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one guest boot needs: where it sits (a tap device that {@link QemuGuest} creates in an
 * existing network namespace), its address, and what it runs.
 *
 * @param namespace   an existing network namespace ({@code ip netns}) the tap and QEMU live in
 * @param tapName     the tap device to create there (at most 15 characters)
 * @param guestAddress the guest's eth0 address with prefix, e.g. {@code 192.0.2.2/24}
 * @param hostAddress the address with prefix given to the tap in the namespace, or empty for none
 *                    (e.g. when the test enslaves the tap to a bridge instead)
 * @param gateway     the guest's default gateway, or empty for none
 * @param script      the test script, run by the guest's /init with busybox {@code sh}; results
 *                    are printed with {@code cohort-result NAME VALUE}
 * @param files       further files for the guest, absolute path → content; content starting with
 *                    {@code #!} is made executable. They replace files of the image of that name.
 * @param timeout     after this the guest is killed whatever it is doing
 */
public record GuestSpec(String namespace, String tapName, String guestAddress, String hostAddress,
    String gateway, String script, Map<String, String> files, Duration timeout) {

  /** Where the script goes in the guest; /init runs it. */
  public static final String SCRIPT_PATH = "/cohort/run.sh";

  private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F.:]+/[0-9]{1,3}");
  private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:]+");
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  public GuestSpec {
    require(namespace, Pattern.compile("[A-Za-z0-9_.-]+"), "namespace");
    require(tapName, INTERFACE, "tap name");
    require(guestAddress, CIDR, "guest address");
    if (!hostAddress.isEmpty()) {
      require(hostAddress, CIDR, "host address");
    }
    if (!gateway.isEmpty()) {
      require(gateway, ADDRESS, "gateway");
    }
    if (script.isBlank()) {
      throw new IllegalArgumentException("the guest needs a script");
    }
    if (files.containsKey(SCRIPT_PATH)) {
      throw new IllegalArgumentException(SCRIPT_PATH + " is the script; pass it as the script");
    }
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** A guest at {@code guestAddress} running {@code script}, no other files, a two-minute limit. */
  public static GuestSpec of(String namespace, String tapName, String guestAddress, String script) {
    return new GuestSpec(namespace, tapName, guestAddress, "", "", script, Map.of(),
        Duration.ofMinutes(2));
  }

  public GuestSpec withHostAddress(String address) {
    return new GuestSpec(namespace, tapName, guestAddress, address, gateway, script, files, timeout);
  }

  public GuestSpec withGateway(String address) {
    return new GuestSpec(namespace, tapName, guestAddress, hostAddress, address, script, files, timeout);
  }

  public GuestSpec withFile(String path, String content) {
    Map<String, String> more = new LinkedHashMap<>(files);
    more.put(path, content);
    return new GuestSpec(namespace, tapName, guestAddress, hostAddress, gateway, script, more, timeout);
  }

  public GuestSpec withTimeout(Duration limit) {
    return new GuestSpec(namespace, tapName, guestAddress, hostAddress, gateway, script, files, limit);
  }

  /** The per-test archive: the script and the files. */
  CpioArchive archive() {
    var archive = new CpioArchive().addFile(SCRIPT_PATH, bytes(script), 0755);
    files.forEach((path, content) ->
        archive.addFile(path, bytes(content), content.startsWith("#!") ? 0755 : 0644));
    return archive;
  }

  /** The kernel command line: the console, no reboot after a panic, and the network for /init. */
  String kernelCommandLine() {
    var line = new StringBuilder("console=ttyS0 quiet panic=-1 cohort.ip=").append(guestAddress);
    if (!gateway.isEmpty()) {
      line.append(" cohort.gw=").append(gateway);
    }
    return line.toString();
  }

  /** A locally administered MAC derived from the tap name, so guests on one bridge differ. */
  String macAddress() {
    int hash = tapName.hashCode() ^ namespace.hashCode() * 31;
    return "52:54:%02x:%02x:%02x:%02x".formatted((hash >>> 24) & 0xff, (hash >>> 16) & 0xff,
        (hash >>> 8) & 0xff, hash & 0xff);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void require(String value, Pattern pattern, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("bad " + what + ": " + value);
    }
  }
}
