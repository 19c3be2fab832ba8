package io.cohort.lab.localcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The built-in clients ({@code cohort demo-client}) as a process inside the local cluster's client
 * namespace, connected to {@link LocalCluster#serviceAddresses()} as {@link LocalCluster#user()}.
 * {@link #awaitReady} waits until every session is up and has been pinged and returns what the
 * clients reported; {@link #close()} ends their standard input, so they hang up and exit.
 */
public final class ClientProcess implements AutoCloseable {
    /** The line {@code cohort demo-client} prints once every session is up and has been pinged. */
    public static final String READY = "demo-client: ready";
    /** The line that asks {@code cohort demo-client --watch} for the sessions' traffic gaps since the last one. */
    public static final String WATCH_REQUEST = "watch";
    /** How the answer reads: sessions, silent, median, p99 and longest gap in milliseconds. */
    public static final String WATCH_FORMAT = "demo-client: watch sessions=%d silent=%d gap-median-ms=%d gap-p99-ms=%d gap-max-ms=%d";
    private static final Pattern WATCH = Pattern.compile(
            "demo-client: watch sessions=(\\d+) silent=(\\d+) gap-median-ms=(\\d+) gap-p99-ms=(\\d+) gap-max-ms=(\\d+)");
    private static final Pattern SETUP = Pattern.compile("demo-client: (l2tp|pptp) sessions=(\\d+) \\w+=(\\d+) setup=([0-9.]+)s");
    private static final Pattern PING = Pattern.compile("demo-client: ping l2tp answered=(\\d+)/\\d+ pptp answered=(\\d+)/\\d+");
    private static final Pattern TRAFFIC = Pattern.compile(
            "demo-client: traffic sent=(\\d+) received=(\\d+) seconds=[0-9.]+ pps=([0-9.]+) mbit=([0-9.]+)");
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<ClientReport> ready = new CompletableFuture<>();
    private CompletableFuture<WatchReport> watch = new CompletableFuture<>();

    private ClientProcess(Process process, Consumer<String> echo) {
        this.process = process;
        Thread.ofPlatform().daemon().name("demo-client-output").start(() -> read(echo));
    }

    /**
     * What the clients should do.
     *
     * @param l2tp L2TP sessions
     * @param pptp PPTP calls
     * @param perTunnel sessions per L2TP tunnel and calls per PPTP control connection
     * @param l2tpPorts UDP source ports of the first L2TP tunnels (empty: all ephemeral)
     * @param trafficSeconds after the pings, ICMP echo through every session for this long (0: none)
     * @param watch then one echo through every session at this interval, for {@link #watch} (zero: none)
     * @param pingTarget the address the pings and the watch go to through every session (a host
     *     behind the cluster, e.g. {@link InsideLan#hostAddress()}); empty: each session's gateway
     */
    public record Load(int l2tp, int pptp, int perTunnel, List<Integer> l2tpPorts, int trafficSeconds, Duration watch,
                       Optional<String> pingTarget) {
        public Load {
            l2tpPorts = List.copyOf(l2tpPorts);
            Objects.requireNonNull(watch);
            Objects.requireNonNull(pingTarget);
        }

        /** Sessions, pings of each gateway, the traffic phase if any, the watch if any. */
        public Load(int l2tp, int pptp, int perTunnel, List<Integer> l2tpPorts, int trafficSeconds, Duration watch) {
            this(l2tp, pptp, perTunnel, l2tpPorts, trafficSeconds, watch, Optional.empty());
        }

        /** The same load pinging {@code address} through every session instead of the gateways. */
        public Load pinging(String address) {
            return new Load(l2tp, pptp, perTunnel, l2tpPorts, trafficSeconds, watch, Optional.of(address));
        }

        /** Sessions and pings, then the traffic phase if any; no watch. */
        public Load(int l2tp, int pptp, int perTunnel, List<Integer> l2tpPorts, int trafficSeconds) {
            this(l2tp, pptp, perTunnel, l2tpPorts, trafficSeconds, Duration.ZERO);
        }

        /** Sessions and pings, no traffic phase. */
        public Load(int l2tp, int pptp, int perTunnel, List<Integer> l2tpPorts) {
            this(l2tp, pptp, perTunnel, l2tpPorts, 0);
        }
    }

    /**
     * The sessions' traffic gaps over one period of the watch.
     *
     * @param sessions sessions watched
     * @param silent sessions unanswered for 3 s or more: lost, or not back yet
     * @param medianGap median of each session's longest time without an answer
     * @param p99Gap 99th percentile of it
     * @param maxGap the longest of all
     */
    public record WatchReport(int sessions, int silent, Duration medianGap, Duration p99Gap, Duration maxGap) {
    }

    /**
     * What the clients reported once ready.
     *
     * @param l2tpUp L2TP sessions up
     * @param l2tpSetup seconds the L2TP set-up took
     * @param pptpUp PPTP calls up
     * @param pptpSetup seconds the PPTP set-up took
     * @param l2tpAnswering L2TP sessions whose ping through the tunnel was answered
     * @param pptpAnswering PPTP sessions likewise
     * @param echoPerSecond echo replies per second of the traffic phase (0 without one)
     * @param mbitPerSecond their IPv4 octets in Mbit/s
     * @param echoLost echo requests without a reply
     */
    public record ClientReport(int l2tpUp, double l2tpSetup, int pptpUp, double pptpSetup, int l2tpAnswering,
                               int pptpAnswering, double echoPerSecond, double mbitPerSecond, long echoLost) {
    }

    /** Starts the clients of {@code load} against {@code cluster}; every output line goes to {@code echo}. */
    static ClientProcess start(LocalCluster cluster, Load load, Consumer<String> echo) {
        try {
            Path password = cluster.workDirectory().resolve("client-password-" + System.nanoTime());
            Files.createFile(password, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(password, cluster.user().password() + "\n");
            List<String> arguments = new ArrayList<>(List.of("demo-client", "--server",
                    String.join(",", cluster.serviceAddresses()), "--user", cluster.user().name(), "--password-file",
                    password.toString(), "--l2tp", Integer.toString(load.l2tp()), "--pptp", Integer.toString(load.pptp()),
                    "--per-tunnel", Integer.toString(load.perTunnel()), "--traffic", Integer.toString(load.trafficSeconds()),
                    "--watch", Long.toString(load.watch().toMillis())));
            load.pingTarget().ifPresent(target -> {
                arguments.add("--ping-target");
                arguments.add(target);
            });
            if (!load.l2tpPorts().isEmpty()) {
                arguments.add("--l2tp-port");
                arguments.add(load.l2tpPorts().stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
            Process process = new ProcessBuilder(cluster.clientNamespace().inside(cluster.settings().cohort().with(arguments)))
                    .redirectErrorStream(true).start();
            return new ClientProcess(process, echo);
        } catch (IOException e) {
            throw new LocalClusterException("cannot start the built-in clients: " + e.getMessage(), e);
        }
    }

    private void read(Consumer<String> echo) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                echo.accept(line);
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.equals(READY)) {
                    ready.complete(report());
                }
                Matcher w = WATCH.matcher(line);
                if (w.matches()) {
                    watched(new WatchReport(Integer.parseInt(w.group(1)), Integer.parseInt(w.group(2)),
                            Duration.ofMillis(Long.parseLong(w.group(3))), Duration.ofMillis(Long.parseLong(w.group(4))),
                            Duration.ofMillis(Long.parseLong(w.group(5)))));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new LocalClusterException("the built-in clients exited before they were ready:\n"
                + output()));
    }

    private ClientReport report() {
        int[] up = new int[2];
        double[] setup = new double[2];
        int[] answering = new int[2];
        double[] traffic = new double[3];
        for (String line : output().lines().toList()) {
            Matcher s = SETUP.matcher(line);
            if (s.matches()) {
                int i = s.group(1).equals("l2tp") ? 0 : 1;
                up[i] = Integer.parseInt(s.group(2));
                setup[i] = Double.parseDouble(s.group(4));
            }
            Matcher t = TRAFFIC.matcher(line);
            if (t.matches()) {
                traffic[0] = Double.parseDouble(t.group(3));
                traffic[1] = Double.parseDouble(t.group(4));
                traffic[2] = Long.parseLong(t.group(1)) - Long.parseLong(t.group(2));
            }
            Matcher p = PING.matcher(line);
            if (p.matches()) {
                answering[0] = Integer.parseInt(p.group(1));
                answering[1] = Integer.parseInt(p.group(2));
            }
        }
        return new ClientReport(up[0], setup[0], up[1], setup[1], answering[0], answering[1], traffic[0], traffic[1],
                (long) traffic[2]);
    }

    /** Everything the clients printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits until the clients are ready; their exit or the timeout is a {@link LocalClusterException}. */
    public ClientReport awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LocalClusterException l ? l
                    : new LocalClusterException("the built-in clients failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LocalClusterException("the built-in clients were not ready within " + timeout + ":\n" + output());
        }
    }

    private synchronized void watched(WatchReport report) {
        watch.complete(report);
    }

    /**
     * The sessions' traffic gaps since the last call (or since they were ready), from clients
     * started with a {@link Load#watch}.
     */
    public WatchReport watch(Duration timeout) throws InterruptedException {
        CompletableFuture<WatchReport> answer;
        synchronized (this) {
            watch = new CompletableFuture<>();
            answer = watch;
        }
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((WATCH_REQUEST + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException e) {
            throw new LocalClusterException("the built-in clients did not answer the watch: " + e.getMessage() + "\n"
                    + output(), e);
        } catch (TimeoutException e) {
            throw new LocalClusterException("the built-in clients did not answer the watch within " + timeout + ":\n"
                    + output());
        }
    }

    /** Ends the clients' standard input (they hang up and exit); kills them if they linger. */
    @Override
    public void close() {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException alreadyGone) {
            // the process has exited
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
