package io.cohort.benchmarks.live;

import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM under test in the srv namespace: the packaged server ({@code cohort run}) or the
 * baseline forwarder. Gives its pid for CPU accounting, and for the server {@code cohort status}
 * and the heap after a full GC ({@code jcmd}).
 */
final class ServerProcess implements AutoCloseable {
    /** The JDK this benchmark runs on: its java runs the server and the baseline, its jcmd reads the heap. */
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Pattern STARTED = Pattern.compile("INFO .*cohort started: ");
    private static final Pattern USED = Pattern.compile("\"used\"\\s*:\\s*(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");

    private final PeerProcess process;
    private final Path jar;
    private final Path socket;

    private ServerProcess(PeerProcess process, Path jar, Path socket) {
        this.process = process;
        this.jar = jar;
        this.socket = socket;
    }

    /**
     * Writes {@code cohort.ini} ({@code sections} plus users file and control socket in {@code dir})
     * and a users file with {@code user}, starts the server in {@code ns} with {@code jvmOptions} and
     * waits until it has started.
     */
    static ServerProcess startServer(Netns ns, Path dir, Path jar, List<String> jvmOptions, String sections,
            String user, String password) {
        ServerProcess server = launchServer(ns, dir, dir.resolve("server.log"), jar, jvmOptions, sections, user, password);
        server.awaitStarted(Duration.ofSeconds(60));
        return server;
    }

    /**
     * As {@link #startServer} but logging to {@code log} (a fresh file for each start, so that
     * {@link #awaitStarted} sees only this start's lines) and without waiting for the start.
     */
    static ServerProcess launchServer(Netns ns, Path dir, Path log, Path jar, List<String> jvmOptions, String sections,
            String user, String password) {
        try {
            Path users = Files.writeString(dir.resolve("users"), user + ":clear:" + password + "\n");
            Path socket = dir.resolve("control.sock");
            Path ini = Files.writeString(dir.resolve("cohort.ini"), sections + """

                    [users]
                    file = %s

                    [control]
                    socket = %s
                    """.formatted(users, socket));
            PeerProcess p = ns.startProcess(log, command(jvmOptions, "-jar", jar.toString(),
                    "run", "--config", ini.toString()));
            return new ServerProcess(p, jar, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The baseline forwarder ({@link BaselineForwarderMain}) from {@code benchmarksJar}, started and ready. */
    static ServerProcess startBaseline(Netns ns, Path dir, Path benchmarksJar, List<String> jvmOptions, String tun,
            int port) {
        PeerProcess p = ns.startProcess(dir.resolve("baseline.log"), command(jvmOptions, "-cp",
                benchmarksJar.toString(), BaselineForwarderMain.class.getName(), tun, Integer.toString(port)));
        p.awaitLogLine(Pattern.compile(Pattern.quote(BaselineForwarderMain.READY)), Duration.ofSeconds(60));
        ns.linkUp(tun);
        return new ServerProcess(p, benchmarksJar, null);
    }

    /** Waits until the server has logged that it started; fails with its log otherwise. */
    void awaitStarted(Duration timeout) {
        process.awaitLogLine(STARTED, timeout);
    }

    /** The control socket ({@code [control] socket}); none for the baseline. */
    Path socket() {
        return socket;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return ProcessCpu.processSeconds(pid());
    }

    /** {@code cohort status --json}, with how long the command took (a fresh JVM each time). */
    Timed<String> statusJson() {
        long start = System.nanoTime();
        String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "status",
                "--json", "--socket", socket.toString()));
        return new Timed<>(out, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Sessions holding a pool address, from {@code cohort status --json}. */
    static int poolUsed(String statusJson) {
        Matcher m = USED.matcher(statusJson);
        if (!m.find()) {
            throw new IllegalStateException("no pool.used in status: " + statusJson.substring(0, Math.min(300,
                    statusJson.length())));
        }
        return Integer.parseInt(m.group(1));
    }

    /** Runs {@code GC.run} (a full GC), then {@code GC.heap_info}; returns used and committed heap in bytes. */
    Heap heapAfterFullGc() {
        String jcmd = JAVA_HOME.resolve("bin/jcmd").toString();
        run(List.of(jcmd, Long.toString(pid()), "GC.run"));
        String info = run(List.of(jcmd, Long.toString(pid()), "GC.heap_info"));
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return new Heap(Long.parseLong(m.group(2)) * 1024, Long.parseLong(m.group(1)) * 1024, info.strip());
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    record Heap(long used, long committed, String raw) {
    }

    record Timed<T>(T value, Duration took) {
    }

    private static String[] command(List<String> jvmOptions, String... rest) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(java());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.addAll(jvmOptions);
        argv.addAll(List.of(rest));
        return argv.toArray(String[]::new);
    }

    private static String java() {
        return JAVA_HOME.resolve("bin/java").toString();
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
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
