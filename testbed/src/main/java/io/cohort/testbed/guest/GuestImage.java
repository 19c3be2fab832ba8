package io.cohort.testbed.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guest's kernel and base initramfs, as built by {@code testbed/guest/build-guest.sh}. The
 * script caches its output and only rebuilds when it or a package version changes, so asking for
 * the image is cheap after the first time (the first build downloads about 72 MB of packages).
 */
public record GuestImage(Path kernel, Path initrd) {

  /** System property naming build-guest.sh, for runs outside the repository. */
  public static final String SCRIPT_PROPERTY = "cohort.guest.build-script";

  private static final Path SCRIPT_IN_REPOSITORY = Path.of("testbed", "guest", "build-guest.sh");

  /** Runs the build script (a no-op with a warm cache) and returns the image it prints. */
  public static GuestImage buildOrReuse() {
    return build(locateBuildScript(), Duration.ofMinutes(15));
  }

  /** Runs {@code script} and parses the {@code kernel=} and {@code initrd=} lines it prints. */
  public static GuestImage build(Path script, Duration timeout) {
    String output = new HostCommand(List.of(script.toString()), timeout).run();
    Map<String, String> printed = output.lines()
        .filter(line -> line.startsWith("kernel=") || line.startsWith("initrd="))
        .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
            line -> line.substring(line.indexOf('=') + 1), (first, second) -> second));
    if (!printed.containsKey("kernel") || !printed.containsKey("initrd")) {
      throw new GuestException(script + " printed no kernel= and initrd= lines:\n" + output);
    }
    var image = new GuestImage(Path.of(printed.get("kernel")), Path.of(printed.get("initrd")));
    if (!Files.isReadable(image.kernel()) || !Files.isReadable(image.initrd())) {
      throw new GuestException(script + " printed paths that are not readable: " + image);
    }
    return image;
  }

  /**
   * build-guest.sh: the {@value #SCRIPT_PROPERTY} system property, else the first directory from
   * the working directory upwards that holds {@code testbed/guest/build-guest.sh} (so tests in any
   * module find it).
   */
  public static Path locateBuildScript() {
    String configured = System.getProperty(SCRIPT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT_IN_REPOSITORY);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new GuestException("no " + SCRIPT_IN_REPOSITORY + " above " + Path.of("").toAbsolutePath()
        + "; set -D" + SCRIPT_PROPERTY + "=PATH");
  }
}
