package io.cohort.benchmarks.live;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.steering.SteeringMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One member against a cluster of several on this host (DESIGN.md, "Steering packets to members"): for each
 * {@code --sizes} a {@link LocalCluster} of the packaged server with {@code --steering}, then
 * {@code --sessions} L2TP and as many PPTP sessions set up at once by the built-in clients from the
 * client namespace through the cluster IP (aggregate set-up rate, sessions/s), then ICMP echo
 * through all of them for {@code --traffic} seconds (replies/s and Mbit/s of replies). Every
 * member, the clients and the capture all share this machine's cores, so the figures show what
 * the cluster costs and how the work spreads, not what N hosts would give. Needs root. Prints a
 * Markdown table.
 */
@Command(name = "cohort-bench-cluster-scaling", mixinStandardHelpOptions = true,
        description = "Set-up rate and throughput of local clusters of different sizes (needs root).")
public final class ClusterScalingBenchmark implements Callable<Integer> {
    private static final Duration READY = Duration.ofMinutes(5);

    @Option(names = "--server-jar", defaultValue = "cli/target/cohort.jar",
            description = "the packaged server (default ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--java", defaultValue = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
            description = "the JDK 25 java for members and clients (default ${DEFAULT-VALUE})")
    Path java;

    @Option(names = "--sizes", split = ",", defaultValue = "1,3", description = "cluster sizes (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--steering", defaultValue = "unicast", description = "steering mode (default ${DEFAULT-VALUE})")
    String steering;

    @Option(names = "--sessions", defaultValue = "200", description = "L2TP sessions, and as many PPTP (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--per-tunnel", defaultValue = "10",
            description = "sessions per L2TP tunnel and per PPTP connection (default ${DEFAULT-VALUE})")
    int perTunnel;

    @Option(names = "--traffic", defaultValue = "10", description = "seconds of echo traffic (default ${DEFAULT-VALUE})")
    int trafficSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterScalingBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Optional<SteeringMode> mode = SteeringMode.parse(steering);
        System.out.printf(Locale.ROOT, "# Local cluster scaling: steering %s, %d L2TP + %d PPTP sessions (%d per tunnel), "
                + "%d s of echo traffic, %d cores%n%n", steering, sessions, sessions, perTunnel, trafficSeconds,
                Runtime.getRuntime().availableProcessors());
        List<String> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.add(measure(size, mode));
        }
        System.out.println("| members | L2TP set-up s | L2TP sessions/s | PPTP set-up s | PPTP sessions/s | echo replies/s "
                + "| Mbit/s | lost | sessions per member (L2TP+PPTP) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    private String measure(int size, Optional<SteeringMode> mode) throws InterruptedException {
        LocalClusterSettings settings = LocalClusterSettings.of(size, mode, CohortCommandLine.ofJar(java, serverJar));
        try (LocalCluster cluster = LocalCluster.start(settings)) {
            ClientProcess clients = cluster.startClients(new ClientProcess.Load(sessions, sessions, perTunnel, List.of(),
                    trafficSeconds), line -> { });
            ClientProcess.ClientReport r = clients.awaitReady(READY);
            ClusterSnapshot s = cluster.snapshot();
            System.out.printf("%d member(s):%n%s%n", size, s.render());
            String perMember = s.names().stream()
                    .map(n -> n + " " + (s.sessionsUp(n, "l2tp") + s.sessionsUp(n, "pptp"))).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "| %d | %.2f | %.0f | %.2f | %.0f | %.0f | %.1f | %d | %s |", size, r.l2tpSetup(),
                    r.l2tpUp() / Math.max(r.l2tpSetup(), 1e-9), r.pptpSetup(), r.pptpUp() / Math.max(r.pptpSetup(), 1e-9),
                    r.echoPerSecond(), r.mbitPerSecond(), r.echoLost(), perMember);
        }
    }
}
