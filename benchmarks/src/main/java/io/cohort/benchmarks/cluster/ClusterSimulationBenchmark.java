package io.cohort.benchmarks.cluster;

import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.sim.SimCluster;
import io.cohort.cluster.sim.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster layer on its deterministic simulator ({@link SimCluster}), per cluster size and
 * link loss, over several seeds ({@link SeededClusterRun} says how a run is set up):
 *
 * <ul>
 *   <li>convergence: from the run's start (members start within 300 ms) to one master, every
 *       node its member, all 1024 units owned once;
 *   <li>member failover: a non-master member owning units crashes; until each of its units is
 *       owned once by a running member;
 *   <li>master failover: the master crashes (in a second run of the same seed, converged the same
 *       way); until converged again;
 *   <li>steady-state traffic ({@link WireTraffic}) over {@code --steady} seconds after
 *       convergence (and 2 s of settling), per member and for the master.
 * </ul>
 *
 * All times are simulated time, to a resolution of {@link SeededClusterRun#STEP}; the real
 * (wall-clock) time a row took to simulate, on one thread, is printed beside it. Prints a
 * Markdown table; exits 1 if a seed did not converge within 20 simulated seconds or the master
 * changed during the steady state.
 */
@Command(name = "cluster-simulation-benchmark", mixinStandardHelpOptions = true,
        description = "Convergence, failover and steady-state traffic of the cluster layer, simulated.")
public final class ClusterSimulationBenchmark implements Callable<Integer> {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Option(names = "--sizes", split = ",", defaultValue = "3,16,64", description = "cluster sizes (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--seeds", defaultValue = "20", description = "seeds per size and loss (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--losses", split = ",", defaultValue = "0,5", description = "link loss in percent (default ${DEFAULT-VALUE})")
    List<Double> losses;

    @Option(names = "--steady", defaultValue = "60", description = "seconds of steady state measured (default ${DEFAULT-VALUE})")
    int steadySeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterSimulationBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.printf("seeds 1..%d per row; steady state %d s; times simulated, in ms (median / max)%n%n", seeds, steadySeconds);
        System.out.println("| members | loss | convergence | member crash → units owned | master crash → converged "
                + "| member sent B/s | member received B/s | master sent B/s | master received B/s "
                + "| largest UDP payload (B) | wall s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        boolean allConverged = true;
        for (int size : sizes) {
            for (double loss : losses) {
                allConverged &= row(size, loss / 100);
            }
        }
        return allConverged ? 0 : 1;
    }

    /** One table row: every seed at {@code size} members and {@code loss}; false if one did not converge. */
    private boolean row(int size, double loss) {
        long wallStart = System.nanoTime();
        List<Long> convergence = new ArrayList<>();
        List<Long> memberFailover = new ArrayList<>();
        List<Long> masterFailover = new ArrayList<>();
        double memberSent = 0;
        double memberReceived = 0;
        double masterSent = 0;
        double masterReceived = 0;
        int largest = 0;
        int failures = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            SeededClusterRun run = new SeededClusterRun(size, seed, loss);
            Optional<Long> converged = run.convergence(LIMIT);
            if (converged.isEmpty()) {
                failures++;
                continue;
            }
            convergence.add(converged.get());
            run.cluster.advance(SETTLE);
            WireTraffic traffic = new WireTraffic();
            run.cluster.network().tap(traffic);
            int master = run.masterIndex();
            run.cluster.advance(Duration.ofSeconds(steadySeconds));
            run.cluster.network().tap(SimNetwork.Tap.NONE);
            if (run.masterIndex() != master) {
                failures++; // a false failover during the steady state
            }
            double memberCount = size - 1;
            for (int i = 0; i < size; i++) {
                MemberAddress address = run.cluster.slots().get(i).address();
                double sent = (double) traffic.sentBy(address) / steadySeconds;
                double received = (double) traffic.receivedBy(address) / steadySeconds;
                if (i == master) {
                    masterSent += sent;
                    masterReceived += received;
                } else {
                    memberSent += sent / memberCount;
                    memberReceived += received / memberCount;
                }
            }
            largest = Math.max(largest, traffic.largestPayload());
            failures += record(memberFailover, run.crashAMember(LIMIT));

            SeededClusterRun again = new SeededClusterRun(size, seed, loss); // deterministic: converges as the first
            if (again.convergence(LIMIT).isEmpty()) {
                failures++;
                continue;
            }
            again.cluster.advance(SETTLE);
            failures += record(masterFailover, again.crashTheMaster(LIMIT));
        }
        int n = convergence.size();
        System.out.printf("| %d | %.0f %% | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %d | %.1f |%n", size, loss * 100,
                stats(convergence), stats(memberFailover), stats(masterFailover), memberSent / n, memberReceived / n,
                masterSent / n, masterReceived / n, largest, (System.nanoTime() - wallStart) / 1e9);
        if (failures > 0) {
            System.out.printf("(%d of %d seeds at %d members, %.0f %% loss: not converged within %s, or a false failover)%n",
                    failures, seeds, size, loss * 100, LIMIT);
        }
        return failures == 0;
    }

    private static int record(List<Long> into, Optional<Long> time) {
        time.ifPresent(into::add);
        return time.isPresent() ? 0 : 1;
    }

    private static String stats(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "—";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return String.format("%.0f / %.0f", median / 1e6, sorted.getLast() / 1e6);
    }
}
