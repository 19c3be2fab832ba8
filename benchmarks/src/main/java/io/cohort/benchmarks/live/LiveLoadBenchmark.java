package io.cohort.benchmarks.live;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.load.LoadProtocol;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalNamespace;
import io.cohort.lab.localcluster.ServerDirectory;
import io.cohort.lab.localcluster.ServerProcess;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.control.api.StatusDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The live benchmark (docs/PERFORMANCE.md, "Live server"): the packaged server in its own namespace,
 * the in-repo client as load generator in another, an inside host behind the server. Three phases:
 * <ol>
 *   <li>{@code setup}: complete set-ups (tunnel, session, LCP, authentication, IPCP) per second for
 *       each sessions×tunnels shape and authentication method, and the server's CPU per set-up;</li>
 *   <li>{@code data}: steady upstream throughput from every session to the inside host, against the
 *       plain UDP→TUN forwarder ({@link BaselineForwarderMain}) in the same namespace, fed by the same
 *       {@link DatagramBlaster} with the same IPv4 packets, windows alternating between the two;</li>
 *   <li>{@code hold}: many sessions kept up (LCP echo running), the server's heap after a full GC
 *       before and after, and how long {@code cohort status} takes.</li>
 * </ol>
 * {@code --protocol} chooses L2TP (the default), PPTP (MS-CHAPv2 and MPPE-128, calls over control
 * connections where L2TP has sessions over tunnels; the data phase goes through the client's PPP
 * links, see {@link PptpDataSink}) or both in the same run, L2TP first, followed by the PPTP/L2TP
 * ratios ({@link ProtocolRatios}). The hold phase is L2TP's only.
 * Needs root (namespaces, TUN, raw GRE sockets). Prints Markdown tables.
 */
@Command(name = "cohort-bench-live", mixinStandardHelpOptions = true,
        description = "Live load benchmark of the server across network namespaces (needs root).")
public final class LiveLoadBenchmark implements Callable<Integer> {
    static final String POOL = "10.96.0.0/17";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";
    private static final int L2TP_PORT = 1701;
    private static final int PPTP_PORT = 1723;
    private static final int BASELINE_PORT = 1702;
    private static final String BASELINE_TUN = "base0";
    private static final int SOCKET_BUFFER = 4 << 20;
    private static final Duration SERVER_START = Duration.ofSeconds(60);
    /** Words in the names of the server's counters that say something was dropped, retransmitted or timed out. */
    private static final List<String> TROUBLE = List.of("drop", "retrans", "timeout", "timed", "fail", "unknown");
    private static final String SERVER_INI = """
            [l2tp]
            receive-window = %s

            [pptp]
            max-connections = 5000
            max-calls-per-connection = 1000

            [limits]
            max-tunnels = 5000
            max-tunnels-per-peer = 5000
            max-sessions = 40000
            max-sessions-per-tunnel = 1000

            [ppp]
            auth = mschapv2, pap
            echo-interval = %s

            [pool]
            ipv4 = %s
            gateway = 10.96.0.1

            [tun]
            name = cohort0
            """;

    enum Phase { setup, data, hold }

    enum Protocols {
        l2tp(List.of(LoadProtocol.L2TP)), pptp(List.of(LoadProtocol.PPTP)), both(List.of(LoadProtocol.L2TP, LoadProtocol.PPTP));

        final List<LoadProtocol> run;

        Protocols(List<LoadProtocol> run) {
            this.run = run;
        }
    }

    @Option(names = "--server-jar", defaultValue = "cli/target/cohort.jar",
            description = "the packaged server (default ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--phases", split = ",", defaultValue = "setup,data,hold", description = "default ${DEFAULT-VALUE}")
    List<Phase> phases;

    @Option(names = "--protocol", defaultValue = "l2tp",
            description = "l2tp, pptp (MS-CHAPv2 + MPPE-128; --auth is ignored, sessions x tunnels means calls x "
                    + "control connections) or both (L2TP then PPTP, then the PPTP/L2TP ratios); default ${DEFAULT-VALUE}")
    Protocols protocol;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of the server and the baseline (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--server-jvm-option", description = "an extra JVM option for the server, e.g. -XX:StartFlightRecording=...")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--echo-interval", defaultValue = "10s", description = "server [ppp] echo-interval (default ${DEFAULT-VALUE})")
    String echoInterval;

    @Option(names = "--receive-window", defaultValue = "8",
            description = "server [l2tp] receive-window (default ${DEFAULT-VALUE}, the server's default)")
    int receiveWindow;

    @Option(names = "--setup", split = ",", defaultValue = "1000x10,1000x100",
            description = "set-up runs as sessions x tunnels (default ${DEFAULT-VALUE})")
    List<String> setupShapes;

    @Option(names = "--setup-warmup", defaultValue = "1000x100",
            description = "unreported set-ups first, per auth method; empty for none (default ${DEFAULT-VALUE})")
    String setupWarmup;

    @Option(names = "--setup-rounds", defaultValue = "3", description = "repetitions of every set-up run (default ${DEFAULT-VALUE})")
    int setupRounds;

    @Option(names = "--auth", split = ",", defaultValue = "MSCHAP_V2,PAP", description = "default ${DEFAULT-VALUE}")
    List<AuthMethod> authMethods;

    @Option(names = "--data-sessions", defaultValue = "1000x10", description = "sessions x tunnels carrying the data phase")
    String dataShape;

    @Option(names = "--sizes", split = ",", defaultValue = "64,512,1400", description = "IPv4 packet sizes (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--seconds", defaultValue = "5", description = "measurement window per run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "sending before each window (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--data-warmup", defaultValue = "10",
            description = "unreported sending to server and baseline each before the first window (default ${DEFAULT-VALUE} s)")
    int dataWarmup;

    @Option(names = "--rounds", defaultValue = "2", description = "server/baseline window pairs per size (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--hold", defaultValue = "10000x100", description = "sessions x tunnels for the hold phase")
    String holdShape;

    @Option(names = "--hold-seconds", defaultValue = "25", description = "default ${DEFAULT-VALUE}")
    int holdSeconds;

    @Option(names = "--out", description = "also append the report to this file")
    Path out;

    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) {
        System.exit(new CommandLine(new LiveLoadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        print("## Live run " + Instant.now() + "\n");
        print("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average at start: " + loadAverage());
        print("command: protocol=" + protocol + " phases=" + phases + " setup=" + setupShapes + " setupRounds=" + setupRounds + " auth=" + authMethods + " data=" + dataShape
                + " sizes=" + sizes + " seconds=" + seconds + " warmup=" + warmup + " dataWarmup=" + dataWarmup + " rounds=" + rounds + " hold="
                + holdShape + " holdSeconds=" + holdSeconds + " heap=" + heap
                + " receiveWindow=" + receiveWindow + " echoInterval=" + echoInterval + "\n");
        try (LiveNetwork net = LiveNetwork.create(POOL)) {
            Path dir = net.logDirectory();
            print("logs: " + dir);
            List<String> serverJvm = new ArrayList<>(List.of("-Xmx" + heap, "-Xlog:gc:file=" + dir.resolve("server-gc.log")));
            serverJvm.addAll(serverJvmOptions);
            ServerDirectory serverFiles = new ServerDirectory(dir).write(SERVER_INI.formatted(receiveWindow, echoInterval,
                    POOL), USER + ":clear:" + PASSWORD + "\n");
            try (ServerProcess server = ServerProcess.start(new LocalNamespace(net.srv.name()),
                    CohortCommandLine.ofJar(OperatorCommands.JAVA, serverJar, serverJvm), serverFiles)) {
                server.awaitStarted(SERVER_START);
                ProtocolRatios ratios = new ProtocolRatios();
                if (phases.contains(Phase.setup)) {
                    for (LoadProtocol p : protocol.run) {
                        Map<String, Double> before = ProcessCpu.threadSeconds(server.pid());
                        ratios.setups(p, setupPhase(net, server, p));
                        printThreadCpu(p + " set-up phase (warm-up and waits included)", before, server.pid());
                    }
                }
                if (phases.contains(Phase.data)) {
                    try (BaselineProcess baseline = BaselineProcess.start(net.srv, dir, ownJar(),
                            List.of("-Xmx" + heap), BASELINE_TUN, BASELINE_PORT)) {
                        for (LoadProtocol p : protocol.run) {
                            Map<String, Double> before = ProcessCpu.threadSeconds(server.pid());
                            ratios.data(p, dataPhase(net, server, baseline, p));
                            printThreadCpu(p + " data phase (its own session set-up included)", before, server.pid());
                        }
                    }
                }
                if (phases.contains(Phase.hold) && protocol.run.contains(LoadProtocol.L2TP)) {
                    holdPhase(net, server, dir.resolve("server-gc.log"));
                }
                if (protocol == Protocols.both) {
                    ratios.print(sizes, this::print);
                }
            }
        } finally {
            print("\nload average at end: " + loadAverage());
            if (out != null) {
                Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        return 0;
    }

    /** The set-up runs of one protocol; returns the median set-ups/s by "sessions | tunnels | auth". */
    private Map<String, Double> setupPhase(LiveNetwork net, ServerProcess server, LoadProtocol p) throws Exception {
        print("### Set-up rate, " + p + (p == LoadProtocol.PPTP ? " (tunnels = control connections)" : "") + "\n");
        List<AuthMethod> methods = methods(p);
        if (!setupWarmup.isEmpty()) {
            // a fresh server JVM interprets its first set-ups: warm both JITs up, unreported
            int[] st = shape(setupWarmup);
            for (AuthMethod auth : methods) {
                SessionBatch.connect(net, p, options(p, auth), st[0], st[1]).close();
                awaitSessions(server, 0);
            }
            print("(after an unreported warm-up of " + setupWarmup + " per authentication method)\n");
        }
        print("| sessions | tunnels | auth | set-up time (s) | set-ups/s | server CPU per set-up (µs) "
                + "| UDP drops srv/cli | GRE raw-socket drops srv/cli | load avg |");
        print("|---:|---:|---|---:|---:|---:|---|---|---|");
        List<String> counters = new ArrayList<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < setupRounds; round++) {
            for (String shape : setupShapes) {
                for (AuthMethod auth : methods) {
                    setupRun(net, server, p, shape(shape), auth, rates, counters);
                }
            }
        }
        print("\nserver counters with all sessions up, after each run (cumulative): " + counters);
        print("\n| sessions | tunnels | auth | set-ups/s per round | median |");
        print("|---:|---:|---|---|---:|");
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((k, v) -> medians.put(k, v.stream().sorted().toList().get(v.size() / 2)));
        rates.forEach((k, v) -> print(String.format(Locale.ROOT, "| %s | %s | %,.0f |", k,
                v.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList(), medians.get(k))));
        return medians;
    }

    /** PPTP's MPPE keys come from MS-CHAPv2 (RFC 3079): the only method there. */
    private List<AuthMethod> methods(LoadProtocol p) {
        return p == LoadProtocol.PPTP ? List.of(AuthMethod.MSCHAP_V2) : authMethods;
    }

    /** One timed batch of set-ups; one table row, its rate added to {@code rates}, the server's drop counters to {@code counters}. */
    private void setupRun(LiveNetwork net, ServerProcess server, LoadProtocol p, int[] st, AuthMethod auth,
            Map<String, List<Double>> rates, List<String> counters) throws Exception {
        double cpu0 = ProcessCpu.processSeconds(server.pid());
        long srvDrops = LiveNetwork.udpReceiveBufferDrops(net.srv);
        long cliDrops = LiveNetwork.udpReceiveBufferDrops(net.cli);
        long srvRawDrops = LiveNetwork.rawSocketDrops(net.srv); // the server's GRE socket stays open
        long start = System.nanoTime();
        try (SessionBatch b = SessionBatch.connect(net, p, options(p, auth), st[0], st[1])) {
            List<ClientSession> sessions = b.sessions;
            double took = (System.nanoTime() - start) / 1e9;
            double cpu = ProcessCpu.processSeconds(server.pid()) - cpu0;
            String method = sessions.getFirst().authMethod();
            rates.computeIfAbsent(st[0] + " | " + st[1] + " | " + method, k -> new ArrayList<>()).add(st[0] / took);
            print(String.format(Locale.ROOT, "| %d | %d | %s | %.3f | %,.0f | %.0f | %d/%d | %d/%d | %s |", st[0], st[1],
                    method, took, st[0] / took, cpu * 1e6 / st[0],
                    LiveNetwork.udpReceiveBufferDrops(net.srv) - srvDrops,
                    LiveNetwork.udpReceiveBufferDrops(net.cli) - cliDrops,
                    LiveNetwork.rawSocketDrops(net.srv) - srvRawDrops, LiveNetwork.rawSocketDrops(net.cli), loadAverage()));
            counters.add(dropCounters(status(server)));
        } catch (SessionBatch.Failed e) {
            // one failed batch is a result too (and says why); the runs after it still count
            print(String.format(Locale.ROOT, "| %d | %d | %s | failed after %.3f s: %s | – | – | %d/%d | %d/%d | %s |",
                    st[0], st[1], auth, (System.nanoTime() - start) / 1e9, e.getMessage().replace('|', '/'),
                    LiveNetwork.udpReceiveBufferDrops(net.srv) - srvDrops,
                    LiveNetwork.udpReceiveBufferDrops(net.cli) - cliDrops,
                    LiveNetwork.rawSocketDrops(net.srv) - srvRawDrops, e.cliRawDrops, loadAverage()));
            counters.add("after the failed batch: " + dropCounters(status(server)));
        }
        awaitSessions(server, 0);
    }

    /** The server's non-zero counters that say something was dropped, retransmitted or timed out. */
    private static String dropCounters(StatusDocument status) {
        String trouble = status.counters().entrySet().stream()
                .filter(c -> c.getValue() != 0 && TROUBLE.stream().anyMatch(c.getKey()::contains))
                .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(" "));
        return trouble.isEmpty() ? "none" : trouble;
    }

    /** The server's {@code status --json} through its control socket. */
    private static StatusDocument status(ServerProcess server) {
        return server.status().orElseThrow(() -> new IllegalStateException(server + " does not answer on its control "
                + "socket; its log ends:\n" + server.logTail(40)));
    }

    /** The data windows of one protocol, alternating with the baseline's; returns all samples. */
    private List<DataPlaneSample> dataPhase(LiveNetwork net, ServerProcess server, BaselineProcess baseline,
            LoadProtocol p) throws Exception {
        int[] st = shape(dataShape);
        print("\n### Data plane, " + p + ": " + st[0] + " sessions over " + st[1]
                + (p == LoadProtocol.PPTP ? " control connections" : " tunnels") + " → inside host, UDP, upstream\n");
        if (p == LoadProtocol.PPTP) {
            print("(PPTP: the generator hands IPv4 packets to the clients' PPP links in batches of "
                    + PptpDataSink.BATCH + "; MPPE, GRE and the raw-socket send run on the clients' engine "
                    + "threads, not counted in the generator CPU column)\n");
        }
        String target = p == LoadProtocol.PPTP ? "server-pptp" : "server";
        InetSocketAddress baselineTarget = new InetSocketAddress(LiveNetwork.SERVER, BASELINE_PORT);
        List<DataPlaneSample> samples = new ArrayList<>();
        DataPlaneWindows windows = new DataPlaneWindows(net, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds),
                this::print);
        try (SessionBatch batch = SessionBatch.connect(net, p, options(p, AuthMethod.MSCHAP_V2), st[0], st[1]);
             DatagramChannel plain = net.cli.runInside(() -> {
                 DatagramChannel ch = DatagramChannel.open();
                 ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
                 return ch.bind(new InetSocketAddress(0));
             })) {
            List<ClientSession> sessions = batch.sessions;
            for (int size : sizes) {
                List<ByteBuffer> packets = new ArrayList<>(sessions.size());
                List<ByteBuffer> toServer = new ArrayList<>(sessions.size());
                for (ClientSession s : sessions) {
                    ByteBuffer packet = Ipv4UdpPacket.encode(s.address(), LiveNetwork.INSIDE, 40000,
                            LiveNetwork.SINK_PORT, size);
                    packets.add(packet);
                    toServer.add(p == LoadProtocol.PPTP ? packet.duplicate() : batch.l2tp.dataDatagram(s, packet.duplicate()));
                }
                DatagramBlaster.Sink serverSink = p == LoadProtocol.PPTP
                        ? new PptpDataSink(batch.pptp, sessions) : batch.l2tp::sendDatagram;
                if (size == sizes.getFirst() && dataWarmup > 0) {
                    // both JVMs are young: let C2 compile the paths before any window counts
                    windows.warm(toServer, serverSink, Duration.ofSeconds(dataWarmup));
                    windows.warm(packets, d -> plain.send(d, baselineTarget), Duration.ofSeconds(dataWarmup));
                    print("(after an unreported warm-up of " + dataWarmup + " s each for server and baseline)\n");
                }
                if (size == sizes.getFirst()) {
                    print(DataPlaneSample.header());
                }
                for (int r = 0; r < rounds; r++) {
                    samples.add(windows.measure(target, size, toServer, serverSink, server.pid()));
                    samples.add(windows.measure("baseline", size, packets, d -> plain.send(d, baselineTarget),
                            baseline.pid()));
                }
            }
        }
        awaitSessions(server, 0);
        DataPlaneWindows.summary(samples, target, sizes, this::print);
        return samples;
    }

    private void holdPhase(LiveNetwork net, ServerProcess server, Path gcLog) throws Exception {
        int[] st = shape(holdShape);
        print("\n### " + st[0] + " concurrent sessions over " + st[1] + " tunnels, server -Xmx" + heap + "\n");
        awaitSessions(server, 0);
        OperatorCommands operator = new OperatorCommands(serverJar.toAbsolutePath(), server.directory().controlSocket(), server.pid());
        OperatorCommands.StatusRun emptyStatus = operator.status();
        print(String.format(Locale.ROOT, "- `cohort status --json` with no session: %d ms (fresh JVM included), %,d bytes",
                emptyStatus.took().toMillis(), emptyStatus.json().length()));
        OperatorCommands.Heap empty = operator.heapAfterFullGc();
        double cpu0 = ProcessCpu.processSeconds(server.pid());
        long srvDrops = LiveNetwork.udpReceiveBufferDrops(net.srv);
        long cliDrops = LiveNetwork.udpReceiveBufferDrops(net.cli);
        long start = System.nanoTime();
        try (L2tpClient client = net.cli.runInside(() -> L2tpClient.open(options(LoadProtocol.L2TP, AuthMethod.MSCHAP_V2)
                .withSetupTimeout(Duration.ofSeconds(300))))) {
            List<ClientSession> sessions = client.connect(st[0], perTunnel(st));
            double took = (System.nanoTime() - start) / 1e9;
            double cpu = ProcessCpu.processSeconds(server.pid()) - cpu0;
            print(String.format(Locale.ROOT, "- set-up of all %d (%s): %.2f s, %,.0f set-ups/s, server CPU %.0f µs per "
                    + "set-up; UDP receive-buffer drops srv/cli %d/%d; server drop counters: %s", st[0],
                    sessions.getFirst().authMethod(), took, st[0] / took, cpu * 1e6 / st[0],
                    LiveNetwork.udpReceiveBufferDrops(net.srv) - srvDrops,
                    LiveNetwork.udpReceiveBufferDrops(net.cli) - cliDrops, dropCounters(status(server))));
            Thread.sleep(Duration.ofSeconds(holdSeconds));
            int answering = 0;
            for (int i = 0; i < sessions.size(); i += Math.max(1, sessions.size() / 20)) {
                ClientSession s = sessions.get(i);
                answering += s.ping(s.gateway(), 1, Duration.ofSeconds(2)).received();
            }
            print("- after " + holdSeconds + " s up (server LCP echo every " + echoInterval + "): " + answering
                    + " of 20 sampled sessions answer a ping to the gateway");
            OperatorCommands.Heap full = operator.heapAfterFullGc();
            print(String.format(Locale.ROOT, "- heap after full GC: %.1f MiB with no session, %.1f MiB with %d "
                            + "(committed %.0f MiB) → %,.0f B per session; server RSS %s",
                    mib(empty.used()), mib(full.used()), st[0], mib(full.committed()),
                    (full.used() - empty.used()) / (double) st[0], rss(server.pid())));
            for (int i = 0; i < 3; i++) {
                OperatorCommands.StatusRun status = operator.status();
                print(String.format(Locale.ROOT, "- `cohort status --json`: %d ms (fresh JVM included), %,d bytes, "
                        + "pool.used = %d", status.took().toMillis(), status.json().length(),
                        status.document().pool().used()));
            }
            print("- server GC log: " + gcSummary(gcLog));
        }
    }

    private void printThreadCpu(String what, Map<String, Double> before, long pid) {
        StringBuilder b = new StringBuilder();
        ProcessCpu.threadSeconds(pid).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "%s %.2f s, ", e.getKey(), e.getValue())));
        print("\nserver CPU by thread during the " + what + ": " + b);
    }

    private void awaitSessions(ServerProcess server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int used = -1;
        while (System.nanoTime() < deadline) {
            used = status(server).pool().used();
            if (used == expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server still has " + used + " sessions, expected " + expected);
    }

    private ClientOptions options(LoadProtocol p, AuthMethod auth) {
        int port = p == LoadProtocol.PPTP ? PPTP_PORT : L2TP_PORT;
        return ClientOptions.of(new InetSocketAddress(LiveNetwork.SERVER, port), USER, PASSWORD)
                .withAuthMethods(List.of(auth)).withSetupTimeout(Duration.ofSeconds(120));
    }

    private static int[] shape(String text) {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }

    private static int perTunnel(int[] shape) {
        return (shape[0] + shape[1] - 1) / shape[1];
    }

    private static String gcSummary(Path gcLog) throws IOException {
        List<String> lines = Files.readAllLines(gcLog);
        long young = lines.stream().filter(l -> l.contains("Pause Young")).count();
        long full = lines.stream().filter(l -> l.contains("Pause Full")).count();
        return young + " young pauses, " + full + " full (" + full + " include the jcmd GC.run ones); last: "
                + (lines.isEmpty() ? "-" : lines.getLast());
    }

    private static String rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Path ownJar() throws URISyntaxException {
        return Path.of(LiveLoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private void print(String line) {
        System.out.println(line);
        System.out.flush();
        report.append(line).append('\n');
    }
}
