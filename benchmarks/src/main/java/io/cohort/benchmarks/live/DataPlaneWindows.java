package io.cohort.benchmarks.live;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Timed data-plane windows: the {@link DatagramBlaster} sends for a warm-up, then the window is
 * measured between two snapshots (sent, delivered at the inside host, CPU of the target, of the
 * generator and of the machine) while it keeps sending. A pause after each window lets queues drain.
 */
final class DataPlaneWindows {
    private static final Duration DRAIN = Duration.ofMillis(500);

    private final LiveNetwork net;
    private final Duration warmup;
    private final Duration window;
    private final Consumer<String> out;

    DataPlaneWindows(LiveNetwork net, Duration warmup, Duration window, Consumer<String> out) {
        this.net = net;
        this.warmup = warmup;
        this.window = window;
        this.out = out;
    }

    /** Sends for {@code duration} without measuring (lets the target's JIT compile its path). */
    void warm(List<ByteBuffer> datagrams, DatagramBlaster.Sink sink, Duration duration) throws InterruptedException {
        try (DatagramBlaster blaster = DatagramBlaster.start(datagrams, sink)) {
            Thread.sleep(duration);
        }
        Thread.sleep(DRAIN);
    }

    /** One measured window of the JVM {@code pid} as {@code target}; its table row is printed. */
    DataPlaneSample measure(String target, int size, List<ByteBuffer> datagrams, DatagramBlaster.Sink sink,
            long pid) throws InterruptedException {
        DataPlaneSample sample;
        try (DatagramBlaster blaster = DatagramBlaster.start(datagrams, sink)) {
            Thread.sleep(warmup);
            long t0 = System.nanoTime();
            long sent0 = blaster.sent();
            long rx0 = net.insideReceived();
            double cpu0 = ProcessCpu.processSeconds(pid);
            double gen0 = blaster.cpuSeconds();
            ProcessCpu.Machine m0 = ProcessCpu.machine();
            Thread.sleep(window);
            long sent1 = blaster.sent();
            long rx1 = net.insideReceived();
            double cpu1 = ProcessCpu.processSeconds(pid);
            double gen1 = blaster.cpuSeconds();
            ProcessCpu.Machine m1 = ProcessCpu.machine();
            double t = (System.nanoTime() - t0) / 1e9;
            sample = new DataPlaneSample(target, size, t, sent1 - sent0, rx1 - rx0, cpu1 - cpu0, gen1 - gen0,
                    m1.busySince(m0));
        }
        out.accept(sample.row());
        Thread.sleep(DRAIN);
        return sample;
    }

    /** The server/baseline table: means over the windows of each size; {@code server} labels the server's windows. */
    static void summary(List<DataPlaneSample> samples, String server, List<Integer> sizes, Consumer<String> out) {
        out.accept("\n" + server + " / baseline (mean delivered pkt/s over the rounds):\n");
        out.accept("| packet (B) | server pkt/s | baseline pkt/s | server/baseline | server µs/pkt | baseline µs/pkt |");
        out.accept("|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            double s = mean(samples, server, size, DataPlaneSample::deliveredPerSecond);
            double b = mean(samples, "baseline", size, DataPlaneSample::deliveredPerSecond);
            out.accept(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %.2f | %.2f |", size, s, b, s / b,
                    mean(samples, server, size, DataPlaneSample::targetMicrosPerPacket),
                    mean(samples, "baseline", size, DataPlaneSample::targetMicrosPerPacket)));
        }
    }

    static double mean(List<DataPlaneSample> samples, String target, int size,
            ToDoubleFunction<DataPlaneSample> f) {
        return samples.stream().filter(s -> s.target().equals(target) && s.packetSize() == size)
                .mapToDouble(f).average().orElse(0);
    }
}
