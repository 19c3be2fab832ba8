package io.cohort.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Preconditions and resources shared by the system tests. */
final class Tools {
    private Tools() {
    }

    /** Skips the test unless {@code program} is on the PATH (or is an absolute path that exists). */
    static void assumeInstalled(String program, String debianPackage) {
        boolean found = program.startsWith("/") ? Files.isExecutable(Path.of(program))
                : Stream.of(System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
        assumeTrue(found, "needs " + program + " (apt-get install " + debianPackage + ")");
    }

    /** Skips the test without tcpdump (to capture) and tshark (to decode the capture). */
    static void assumeCaptureTools() {
        assumeInstalled("tcpdump", "tcpdump");
        assumeInstalled("tshark", "tshark");
    }

    static void assumeServerJar() {
        assumeTrue(Files.isExecutable(CohortProcess.JAVA), "needs JDK 25 at " + CohortProcess.JAVA);
        assumeTrue(Files.isRegularFile(CohortProcess.jar()), "needs the server jar " + CohortProcess.jar()
                + " (build the cli module first)");
    }

    /**
     * A template from this package's test resources with {@code ${KEY}} replaced by the given values;
     * every upper-case placeholder must be filled (lower-case ones are shell expansions).
     */
    static String template(String name, String... keysAndValues) {
        try (InputStream in = Tools.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < keysAndValues.length; i += 2) {
                text = text.replace("${" + keysAndValues[i] + "}", keysAndValues[i + 1]);
            }
            if (java.util.regex.Pattern.compile("\\$\\{[A-Z_]+}").matcher(text).find()) {
                throw new IllegalArgumentException(name + " has an unfilled placeholder: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
