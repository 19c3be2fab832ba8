package io.cohort.benchmarks.live;

import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.StatusDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator's tools show of the live server, run as an operator runs them: {@code cohort
 * status --json} (a fresh JVM each time, timed) and the JDK's {@code jcmd} for the heap after a
 * full GC. All on the JDK this benchmark runs on.
 */
final class OperatorCommands {
    /** The java of this benchmark's JDK: it runs the server, the baseline and {@code cohort status}. */
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final Pattern HEAP_USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");

    private final Path serverJar;
    private final Path controlSocket;
    private final long pid;

    /** For the server of {@code serverJar} answering on {@code controlSocket}, its JVM {@code pid}. */
    OperatorCommands(Path serverJar, Path controlSocket, long pid) {
        this.serverJar = serverJar;
        this.controlSocket = controlSocket;
        this.pid = pid;
    }

    /** {@code cohort status --json}'s output and how long the command took. */
    record StatusRun(String json, Duration took) {
        StatusDocument document() {
            return ControlJson.read(json, StatusDocument.class);
        }
    }

    /** Runs {@code cohort status --json} against the server's socket. */
    StatusRun status() {
        long start = System.nanoTime();
        String out = run(List.of(JAVA.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", serverJar.toString(),
                "status", "--json", "--socket", controlSocket.toString()));
        return new StatusRun(out, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Used and committed heap in bytes, and jcmd's own words. */
    record Heap(long used, long committed, String raw) {
    }

    /** Runs {@code GC.run} (a full GC), then {@code GC.heap_info}. */
    Heap heapAfterFullGc() {
        run(List.of(JCMD.toString(), Long.toString(pid), "GC.run"));
        String info = run(List.of(JCMD.toString(), Long.toString(pid), "GC.heap_info"));
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return new Heap(Long.parseLong(m.group(2)) * 1024, Long.parseLong(m.group(1)) * 1024, info.strip());
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(argv + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + argv, e);
        }
    }
}
