package io.cohort.benchmarks.steering;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.steering.kernel.KernelRules;
import io.cohort.steering.kernel.Nftables;
import io.cohort.steering.kernel.NftablesException;
import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the kernel filter's set lookup costs per packet, against the size of the owned set (issue
 * 5). A client namespace floods UDP from 256 source ports to the cluster address of a server
 * namespace over a veth pair; the server's input chain counts every packet, evaluates
 * {@code --repeat} copies of the filter's match
 * ({@code ip daddr CIP udp dport 9 jhash ip saddr . udp sport mod 1024 seed S != @owned}, with
 * 0, 1, 64, 512 or 1024 units in {@code owned}), then drops every packet. The copies end in
 * {@code continue} rather than the filter's {@code drop}: with {@code drop} a packet of a unit not
 * owned would leave at the first copy, and the number of lookups per packet would depend on the
 * set's contents instead of being {@code --repeat} for every packet. The baseline has no lookup rule. With veth the sender's
 * {@code sendto} runs the receiver's path in the same softirq, so the rate is the whole path's;
 * the cost of the rule is the difference of ns/packet against the baseline (divided by
 * {@code --repeat}).
 *
 * <p>Run as root: {@code java -cp benchmarks.jar io.cohort.benchmarks.steering.KernelSetLookupCost
 * [--seconds 1] [--repeat 1] [--rounds 5]}. Configurations run interleaved, round after round, and
 * the medians are reported, because this machine's other work varies from second to second.
 */
public final class KernelSetLookupCost {
    private static final String CLUSTER = "192.0.2.1";
    private static final int PORT = 9;
    private static final int SOCKETS = 256;
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");

    private KernelSetLookupCost() {}

    public static void main(String[] args) throws Exception {
        int seconds = 1;
        int repeat = 1;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: [--seconds N] [--repeat R] [--rounds K], not " + args[i]);
            }
        }
        int[] configurations = {-1, 0, 1, 64, 512, 1024};
        double[][] rates = new double[configurations.length][rounds];
        double[] updates;
        try (TestNetwork network = TestNetwork.create()) {
            Netns server = network.namespace("bsrv");
            Netns client = network.namespace("bcli");
            network.veth(client, "cli0", server, "srv0");
            server.addAddress("srv0", "10.78.0.1/24");
            server.addAddress("srv0", CLUSTER + "/32");
            client.addAddress("cli0", "10.78.0.2/24");
            client.addDeviceRoute(CLUSTER + "/32", "cli0");
            List<DatagramChannel> senders = client.runInside(KernelSetLookupCost::openSenders);
            try (Nftables nftables = server.runInside(Nftables::open)) {
                nftables.run(script(-1, repeat));
                flood(senders, 2); // warm-up: JIT, caches, neighbour entries
                // configurations interleaved round by round, so that a burst of load elsewhere on
                // the machine hits all of them alike
                for (int round = 0; round < rounds; round++) {
                    for (int c = 0; c < configurations.length; c++) {
                        nftables.run(script(configurations[c], repeat));
                        long before = counted(nftables);
                        long start = System.nanoTime();
                        flood(senders, seconds);
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        rates[c][round] = (counted(nftables) - before) / elapsed;
                    }
                }
                updates = updateLatencies(nftables);
                nftables.run("delete table inet bench");
            }
            for (DatagramChannel channel : senders) {
                channel.close();
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds of %d s per configuration, %d lookup rule(s); medians%n", rounds, seconds,
                repeat);
        System.out.printf(Locale.ROOT, "%-10s %12s %12s %16s %s%n", "owned", "packets/s", "ns/packet",
                "ns/lookup vs none", "  packets/s per round");
        double baseline = 1e9 / median(rates[0]);
        for (int c = 0; c < configurations.length; c++) {
            double rate = median(rates[c]);
            double nsPerPacket = 1e9 / rate;
            System.out.printf(Locale.ROOT, "%-10s %12.0f %12.1f %16s   %s%n",
                    configurations[c] < 0 ? "no rule" : Integer.toString(configurations[c]), rate, nsPerPacket,
                    configurations[c] < 0 ? "-" : String.format(Locale.ROOT, "%+.1f", (nsPerPacket - baseline) / repeat),
                    java.util.Arrays.stream(rates[c]).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r))
                            .collect(Collectors.joining(" ")));
        }
        System.out.printf(Locale.ROOT, "one-unit update transaction (add or delete in both sets): median %.0f us, "
                + "90th percentile %.0f us, max %.0f us (%d transactions)%n", updates[updates.length / 2],
                updates[updates.length * 9 / 10], updates[updates.length - 1], updates.length);
    }

    /**
     * Microseconds per transaction that adds or deletes one unit in both of the filter's sets
     * ({@link KernelRules#add}, {@link KernelRules#delete}), as an assignment's acknowledgement
     * waits for it: 500 of each on a 512-unit set, through libnftables on this thread.
     */
    private static double[] updateLatencies(Nftables nftables) throws NftablesException {
        io.cohort.steering.kernel.KernelFilterSpec spec = io.cohort.steering.kernel.KernelFilterSpec
                .of((java.net.Inet4Address) new InetSocketAddress(CLUSTER, 0).getAddress()).withTable("bench_filter");
        nftables.run(KernelRules.install(spec, IntStream.range(0, 512).map(u -> 2 * u).mapToObj(WorkUnit::of).toList()));
        int n = 500;
        double[] micros = new double[2 * n];
        for (int i = 0; i < n; i++) {
            List<WorkUnit> unit = List.of(WorkUnit.of(2 * (i % 512) + 1));
            long start = System.nanoTime();
            nftables.run(KernelRules.add(spec, unit));
            long added = System.nanoTime();
            nftables.run(KernelRules.delete(spec, unit));
            micros[2 * i] = (added - start) / 1e3;
            micros[2 * i + 1] = (System.nanoTime() - added) / 1e3;
        }
        nftables.run(KernelRules.remove(spec));
        java.util.Arrays.sort(micros);
        return micros;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The bench table: a counting rule, {@code repeat} lookup rules (none if {@code owned < 0}), a drop. */
    private static String script(int owned, int repeat) {
        String to = "ip daddr " + CLUSTER + " udp dport " + PORT;
        StringBuilder s = new StringBuilder("add table inet bench\ndelete table inet bench\ntable inet bench {\n");
        s.append(" set owned {\n  typeof numgen inc mod 1024\n  size 1024\n");
        if (owned > 0) {
            s.append("  elements = { ").append(IntStream.range(0, owned).map(u -> u * (WorkUnit.COUNT / owned))
                    .mapToObj(Integer::toString).collect(Collectors.joining(", "))).append(" }\n");
        }
        s.append(" }\n chain input {\n  type filter hook input priority -10; policy accept;\n");
        s.append("  ").append(to).append(" counter\n");
        for (int i = 0; owned >= 0 && i < repeat; i++) {
            s.append("  ").append(to).append(' ').append(KernelRules.flowUnit("udp")).append(" != @owned continue\n");
        }
        s.append("  ").append(to).append(" drop\n }\n}\n");
        return s.toString();
    }

    private static List<DatagramChannel> openSenders() throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("10.78.0.2", 20000 + i * 97));
            channel.connect(new InetSocketAddress(CLUSTER, PORT));
            channels.add(channel);
        }
        return channels;
    }

    private static void flood(List<DatagramChannel> senders, int seconds) throws IOException {
        ByteBuffer payload = ByteBuffer.allocateDirect(32);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 64; k++) {
                payload.clear();
                senders.get(i++ & SOCKETS - 1).write(payload);
            }
        }
    }

    private static long counted(Nftables nftables) throws NftablesException {
        Matcher m = COUNTER.matcher(nftables.run("list chain inet bench input"));
        if (!m.find()) {
            throw new IllegalStateException("no counter in the bench chain");
        }
        return Long.parseLong(m.group(1));
    }
}
