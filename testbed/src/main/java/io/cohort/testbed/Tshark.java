package io.cohort.testbed;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Wireshark's dissectors (tshark) over a capture, to check that what we put on the wire decodes
 * cleanly. tshark's standard error (its notes about running as root and the like) is shown only
 * when it fails, as the reason.
 */
public final class Tshark {
    private static final Path PROGRAM = Path.of("/usr/bin/tshark");
    private static final String COMPLAINT = "(_ws.malformed || _ws.expert.severity >= warning)";

    private Tshark() {
    }

    public static boolean installed() {
        return Files.isExecutable(PROGRAM);
    }

    /**
     * tshark's standard output for {@code args}; a {@link TestbedException} with its standard error
     * if it exits non-zero.
     */
    public static String run(String... args) {
        List<String> argv = new ArrayList<>(List.of(PROGRAM.toString()));
        argv.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new TestbedException("cannot start " + PROGRAM + " (Debian package tshark): " + e.getMessage(), e);
        }
        // Both pipes are drained at once: tshark blocks on a full stderr pipe as on a full stdout.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()),
                runnable -> Thread.ofPlatform().daemon().name("tshark-stderr").start(runnable));
        String out = readAll(p.getInputStream());
        try {
            int status = p.waitFor();
            if (status != 0) {
                throw new TestbedException("tshark " + String.join(" ", args) + " exited with " + status + ": "
                        + err.get().strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new TestbedException("interrupted while running tshark", e);
        } catch (ExecutionException e) {
            throw new TestbedException("cannot read the standard error of tshark " + String.join(" ", args), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of tshark", e);
        }
    }

    /**
     * The full decoding ({@code -V}) of every packet in {@code pcap} that Wireshark finds malformed
     * or rates a warning or an error, except those that {@code exempt} (a display filter, may be
     * empty) matches; blank if there is none.
     */
    public static String complaints(Path pcap, String exempt, String... preferences) {
        String filter = exempt.isBlank() ? COMPLAINT : COMPLAINT + " && !(" + exempt + ")";
        List<String> args = new ArrayList<>(List.of(preferences));
        args.addAll(List.of("-r", pcap.toString(), "-V", "-Y", filter));
        return run(args.toArray(String[]::new));
    }

    /** Every distinct value of {@code field} in {@code pcap} (repeated fields split at commas). */
    public static Set<String> fieldValues(Path pcap, String field, String... preferences) {
        List<String> args = new ArrayList<>(List.of(preferences));
        args.addAll(List.of("-r", pcap.toString(), "-T", "fields", "-e", field));
        Set<String> seen = new TreeSet<>();
        run(args.toArray(String[]::new)).lines().flatMap(l -> Pattern.compile(",").splitAsStream(l)).map(String::strip)
                .filter(s -> !s.isEmpty()).forEach(seen::add);
        return seen;
    }
}
