package io.cohort.benchmarks.live;

import io.cohort.client.load.LoadProtocol;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PPTP against L2TP in the same run (docs/PERFORMANCE.md, "PPTP against L2TP": PPTP's set-up rate and throughput within
 * 25 % of L2TP's, i.e. a ratio of at least {@value #TARGET}): median set-ups/s per shape with
 * MS-CHAPv2, and per packet size the server's mean delivered packets/s and its CPU per packet.
 */
final class ProtocolRatios {
    static final double TARGET = 0.75;

    private final Map<LoadProtocol, Map<String, Double>> setups = new EnumMap<>(LoadProtocol.class);
    private final Map<LoadProtocol, List<DataPlaneSample>> data = new EnumMap<>(LoadProtocol.class);

    void setups(LoadProtocol p, Map<String, Double> medianByShape) {
        setups.put(p, medianByShape);
    }

    void data(LoadProtocol p, List<DataPlaneSample> samples) {
        data.put(p, new ArrayList<>(samples));
    }

    void print(List<Integer> sizes, Consumer<String> out) {
        out.accept("\n### PPTP / L2TP, same run (target: ratio ≥ " + TARGET + ")\n");
        out.accept("| measure | L2TP | PPTP | PPTP / L2TP | within 25 % |");
        out.accept("|---|---:|---:|---:|---|");
        Map<String, Double> l2tp = setups.getOrDefault(LoadProtocol.L2TP, Map.of());
        Map<String, Double> pptp = setups.getOrDefault(LoadProtocol.PPTP, Map.of());
        pptp.forEach((shape, rate) -> {
            Double base = l2tp.get(shape);
            if (base != null) {
                String[] k = shape.split(" \\| "); // sessions | tunnels | auth
                row(out, "set-ups/s (median), " + k[0] + " sessions over " + k[1] + " tunnels / control connections, "
                        + k[2], base, rate, "%,.0f");
            }
        });
        List<DataPlaneSample> l = data.getOrDefault(LoadProtocol.L2TP, List.of());
        List<DataPlaneSample> p = data.getOrDefault(LoadProtocol.PPTP, List.of());
        if (!l.isEmpty() && !p.isEmpty()) {
            for (int size : sizes) {
                row(out, size + " B: delivered pkt/s (server, mean)",
                        DataPlaneWindows.mean(l, "server", size, DataPlaneSample::deliveredPerSecond),
                        DataPlaneWindows.mean(p, "server-pptp", size, DataPlaneSample::deliveredPerSecond), "%,.0f");
                // less CPU per packet is better: the ratio is L2TP's over PPTP's, so that ≥ 0.75 passes
                double lc = DataPlaneWindows.mean(l, "server", size, DataPlaneSample::targetMicrosPerPacket);
                double pc = DataPlaneWindows.mean(p, "server-pptp", size, DataPlaneSample::targetMicrosPerPacket);
                out.accept(String.format(Locale.ROOT, "| %d B: server CPU µs per packet | %.2f | %.2f | %.2f (L2TP / PPTP) | %s |",
                        size, lc, pc, lc / pc, lc / pc >= TARGET ? "yes" : "no"));
            }
        }
    }

    private static void row(Consumer<String> out, String what, double l2tp, double pptp, String format) {
        double ratio = pptp / l2tp;
        out.accept(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f | %s |", what, l2tp, pptp,
                ratio, ratio >= TARGET ? "yes" : "no"));
    }
}
