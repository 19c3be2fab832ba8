package io.cohort.testbed.guest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A QEMU guest running stock Debian PPP clients, on a tap device in a test network namespace.
 *
 * <p>{@link #boot} creates the tap in the spec's namespace, appends the spec's script and files as
 * a second cpio archive to the cached initramfs (the kernel unpacks concatenated archives in
 * order), and starts {@code qemu-system-x86_64 -accel tcg} inside the namespace ({@code ip netns
 * exec}) so that it can open the tap. The guest configures eth0, runs the script, prints
 * {@code COHORT-RESULT exit=STATUS} and powers off. {@link #close} kills QEMU if it still runs and
 * removes the tap and the per-test files; a watchdog kills QEMU after the spec's timeout.
 */
public final class QemuGuest implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final GuestSpec spec;
  private final Path workDir;
  private final Process qemu;
  private final SerialConsole console;
  private final long startedNanos;

  private QemuGuest(GuestSpec spec, Path workDir, Process qemu, SerialConsole console, long startedNanos) {
    this.spec = spec;
    this.workDir = workDir;
    this.qemu = qemu;
    this.console = console;
    this.startedNanos = startedNanos;
  }

  /** Builds or reuses the image (see {@link GuestImage#buildOrReuse}) and boots it. */
  public static QemuGuest boot(GuestSpec spec) {
    return boot(spec, GuestImage.buildOrReuse());
  }

  /** Boots {@code image} as {@code spec} says; returns once QEMU runs (the guest boots in a few seconds). */
  public static QemuGuest boot(GuestSpec spec, GuestImage image) {
    Path workDir = null;
    boolean tapCreated = false;
    try {
      workDir = Files.createTempDirectory("cohort-guest-");
      Path initrd = workDir.resolve("initrd.img");
      writeInitrd(image.initrd(), spec.archive(), initrd);
      inNamespace(spec, "ip", "tuntap", "add", "dev", spec.tapName(), "mode", "tap");
      tapCreated = true;
      if (!spec.hostAddress().isEmpty()) {
        inNamespace(spec, "ip", "address", "add", spec.hostAddress(), "dev", spec.tapName());
      }
      inNamespace(spec, "ip", "link", "set", spec.tapName(), "up");
      long started = System.nanoTime();
      Process qemu = new ProcessBuilder(qemuCommand(spec, image.kernel(), initrd))
          .redirectErrorStream(true).start();
      OutputStream log = Files.newOutputStream(workDir.resolve("console.log"));
      var guest = new QemuGuest(spec, workDir, qemu, SerialConsole.attach(qemu.getInputStream(), log), started);
      CompletableFuture.delayedExecutor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .execute(qemu::destroyForcibly);
      return guest;
    } catch (IOException | RuntimeException e) {
      var failure = e instanceof GuestException g ? g : new GuestException("cannot boot the guest", e);
      removeLeftovers(spec, tapCreated, workDir, failure);
      throw failure;
    }
  }

  /** Waits for a console line in which {@code pattern} finds something; returns the match. */
  public Matcher awaitLine(Pattern pattern, Duration timeout) {
    return console.awaitLine(pattern, timeout);
  }

  /** The console output so far, cleaned of terminal escapes. */
  public String consoleLog() {
    return console.text();
  }

  /** The {@code COHORT-RESULT name=value} lines so far, by name. */
  public Map<String, String> results() {
    return console.results();
  }

  /** Whether QEMU still runs. */
  public boolean isRunning() {
    return qemu.isAlive();
  }

  /** Time since QEMU was started. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Waits for the guest to power off and returns the exit status of its script. Throws if it does
   * not end within {@code timeout} or ends without reporting one (e.g. a kernel panic).
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new GuestException("the guest still runs after " + timeout + "; console:\n" + console.tail(40));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuestException("interrupted while waiting for the guest", e);
    }
    console.awaitEnd(STOP_GRACE);
    String status = console.results().get("exit");
    if (status == null) {
      throw new GuestException("QEMU exited with " + qemu.exitValue()
          + " before the guest reported an exit status; console:\n" + console.tail(40));
    }
    return Integer.parseInt(status);
  }

  /** Kills QEMU if it still runs, then removes the tap and the per-test files. */
  @Override
  public void close() {
    var failure = new GuestException("cannot clean up the guest on " + spec.tapName());
    qemu.destroy();
    try {
      if (!qemu.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        qemu.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      qemu.destroyForcibly();
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
    }
    console.awaitEnd(STOP_GRACE);
    removeLeftovers(spec, true, workDir, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  static List<String> qemuCommand(GuestSpec spec, Path kernel, Path initrd) {
    return List.of("ip", "netns", "exec", spec.namespace(), "qemu-system-x86_64",
        "-accel", "tcg", "-m", "512", "-nographic", "-no-reboot",
        "-kernel", kernel.toString(), "-initrd", initrd.toString(),
        "-append", spec.kernelCommandLine(),
        "-netdev", "tap,id=n0,ifname=" + spec.tapName() + ",script=no,downscript=no",
        "-device", "virtio-net-pci,netdev=n0,mac=" + spec.macAddress());
  }

  /**
   * The cached initramfs, zero padding to a multiple of four bytes (the kernel only looks for an
   * uncompressed archive's magic at such an offset), then the per-test archive.
   */
  private static void writeInitrd(Path base, CpioArchive perTest, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      long size = Files.copy(base, out);
      out.write(new byte[(int) ((4 - size % 4) % 4)]);
      out.write(perTest.toBytes());
    }
  }

  private static void inNamespace(GuestSpec spec, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", spec.namespace()));
    argv.addAll(List.of(command));
    new HostCommand(argv, Duration.ofSeconds(30)).run();
  }

  private static void removeLeftovers(GuestSpec spec, boolean tapCreated, Path workDir,
      GuestException failure) {
    boolean namespaceExists = Files.exists(Path.of("/run/netns", spec.namespace()));
    if (tapCreated && namespaceExists
        && HostCommand.succeeds("ip", "-n", spec.namespace(), "link", "show", spec.tapName())) {
      try {
        HostCommand.run("ip", "-n", spec.namespace(), "link", "delete", spec.tapName());
      } catch (GuestException e) {
        failure.addSuppressed(e);
      }
    }
    if (workDir != null) {
      try (Stream<Path> paths = Files.walk(workDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
