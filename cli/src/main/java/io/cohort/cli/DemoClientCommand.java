package io.cohort.cli;

import io.cohort.client.ClientSession;
import io.cohort.client.load.LoadGenerator;
import io.cohort.client.load.LoadReport;
import io.cohort.client.load.LoadSettings;
import io.cohort.client.load.SessionWatch;
import io.cohort.lab.demo.BuiltInClients;
import io.cohort.lab.localcluster.ClientProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cohort demo-client} (hidden): the built-in clients of {@code cohort run --demo}, run as a
 * process of their own inside the local cluster's client namespace. Sets up the sessions, pings
 * through each, prints one line per step (read by {@code ClientProcess}), prints
 * {@value ClientProcess#READY} and keeps the sessions until its standard input ends or it is signalled, then
 * hangs them up.
 */
@Command(name = "demo-client", hidden = true, mixinStandardHelpOptions = true,
        description = "Built-in L2TP and PPTP clients against a server or cluster IP (used by run --demo).")
public final class DemoClientCommand implements Callable<Integer> {
    /** A session unanswered for this long is counted silent by the watch. */
    private static final Duration SILENT_AFTER = Duration.ofSeconds(3);

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, split = ",", paramLabel = "ADDRESS",
            description = "Addresses to connect to, used in turn (the cluster IP, or members' own addresses).")
    private List<InetAddress> servers;

    @Option(names = "--user", required = true, description = "PPP user name.")
    private String user;

    @Option(names = "--password-file", required = true, description = "File whose first line is the password.")
    private Path passwordFile;

    @Option(names = "--l2tp", defaultValue = "0", description = "L2TP sessions (default ${DEFAULT-VALUE}).")
    private int l2tp;

    @Option(names = "--pptp", defaultValue = "0", description = "PPTP calls (default ${DEFAULT-VALUE}).")
    private int pptp;

    @Option(names = "--per-tunnel", defaultValue = "5",
            description = "Sessions per L2TP tunnel and calls per PPTP connection (default ${DEFAULT-VALUE}).")
    private int perTunnel;

    @Option(names = "--l2tp-port", split = ",", description = "UDP source ports of the first L2TP tunnels.")
    private List<Integer> l2tpPorts = new ArrayList<>();

    @Option(names = "--traffic", defaultValue = "0", paramLabel = "SECONDS",
            description = "After the pings, ICMP echo through every session for this long, as fast as the replies come "
                    + "(default ${DEFAULT-VALUE}: none).")
    private int trafficSeconds;

    @Option(names = "--packet-size", defaultValue = "1000", description = "IPv4 packet size of that traffic (default ${DEFAULT-VALUE}).")
    private int packetSize;

    @Option(names = "--watch", defaultValue = "0", paramLabel = "MILLISECONDS",
            description = "After the traffic, one ICMP echo through every session at this interval until the end; "
                    + "each line \"watch\" on standard input prints the sessions' traffic gaps since the last one "
                    + "(default ${DEFAULT-VALUE}: no watch).")
    private int watchMillis;

    @Option(names = "--ping-target", paramLabel = "ADDRESS",
            description = "Ping this IPv4 address through every session (a host behind the server) instead of the "
                    + "session's gateway, for the first pings and the watch.")
    private InetAddress pingTarget;

    @Option(names = "--setup-timeout", defaultValue = "60", description = "Seconds allowed for set-up (default ${DEFAULT-VALUE}).")
    private int setupSeconds;

    /** A watched session by its index: the L2TP sessions first, then the PPTP calls. */
    private static String name(int index, int l2tpSessions) {
        return index < l2tpSessions ? "l2tp#" + index : "pptp#" + (index - l2tpSessions);
    }

    @Override
    public Integer call() throws Exception {
        if (pingTarget != null && !(pingTarget instanceof Inet4Address)) {
            throw new ParameterException(spec.commandLine(), "--ping-target must be an IPv4 address, not "
                    + pingTarget.getHostAddress());
        }
        PrintWriter out = spec.commandLine().getOut();
        String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).getFirst();
        BuiltInClients.Plan plan = new BuiltInClients.Plan(servers, user, password, l2tp, pptp, perTunnel, l2tpPorts,
                Duration.ofSeconds(setupSeconds));
        BuiltInClients clients;
        try {
            clients = BuiltInClients.connect(plan);
        } catch (IOException | TimeoutException e) {
            out.println("demo-client: set-up failed: " + e.getMessage());
            out.flush();
            return ExitCodes.FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(clients::close));
        out.println(String.format(Locale.ROOT, "demo-client: l2tp sessions=%d tunnels=%d setup=%.3fs",
                clients.l2tpSessions().size(), clients.l2tpTunnels(), clients.l2tpSetup().toNanos() / 1e9));
        out.println(String.format(Locale.ROOT, "demo-client: pptp sessions=%d connections=%d setup=%.3fs",
                clients.pptpSessions().size(), clients.pptpConnections(), clients.pptpSetup().toNanos() / 1e9));
        out.flush();
        Optional<Inet4Address> target = Optional.ofNullable((Inet4Address) pingTarget);
        out.println("demo-client: ping l2tp answered=" + BuiltInClients.answering(clients.l2tpSessions(), target) + "/"
                + clients.l2tpSessions().size() + " pptp answered=" + BuiltInClients.answering(clients.pptpSessions(), target)
                + "/" + clients.pptpSessions().size());
        if (trafficSeconds > 0) {
            List<ClientSession> traffic = new ArrayList<>(clients.l2tpSessions());
            traffic.addAll(clients.pptpSessions());
            LoadReport r = LoadGenerator.traffic(traffic, new LoadSettings(traffic.size(), 1, Duration.ofSeconds(trafficSeconds),
                    packetSize, 0));
            out.println(String.format(Locale.ROOT, "demo-client: traffic sent=%d received=%d seconds=%.3f pps=%.0f mbit=%.1f",
                    r.packetsSent(), r.packetsReceived(), r.dataTime().toNanos() / 1e9, r.packetsPerSecond(),
                    r.mbitPerSecond()));
        }
        List<ClientSession> all = new ArrayList<>(clients.l2tpSessions());
        all.addAll(clients.pptpSessions());
        try (SessionWatch watch = watchMillis > 0
                ? SessionWatch.start(all, target, Duration.ofMillis(watchMillis), SILENT_AFTER) : null) {
            out.println(ClientProcess.READY);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(ClientProcess.WATCH_REQUEST) && watch != null) {
                    SessionWatch.Report r = watch.report();
                    out.println(String.format(Locale.ROOT, ClientProcess.WATCH_FORMAT, r.sessions(), r.silent(),
                            r.medianGap().toMillis(), r.p99Gap().toMillis(), r.maxGap().toMillis()));
                    out.println("demo-client: watch longest " + r.worst().stream()
                            .map(g -> name(g.session(), clients.l2tpSessions().size()) + "=" + g.gap().toMillis() + "ms")
                            .collect(Collectors.joining(" ")));
                    out.flush();
                }
            }
        }
        clients.close();
        return ExitCodes.OK;
    }
}
