package io.cohort.benchmarks.live;

import java.util.Locale;

/**
 * One data-plane measurement window: what the generator sent, what reached the inside host, and
 * the CPU that the process under test, the generator thread and the whole machine spent meanwhile.
 */
record DataPlaneSample(String target, int packetSize, double seconds, long sent, long delivered,
        double targetCpuSeconds, double generatorCpuSeconds, double machineBusy) {

    double deliveredPerSecond() {
        return delivered / seconds;
    }

    double mbitPerSecond() {
        return deliveredPerSecond() * packetSize * 8 / 1e6;
    }

    double lossShare() {
        return sent == 0 ? 0 : Math.max(0, sent - delivered) / (double) sent;
    }

    /** CPU of the process under test per delivered packet, in microseconds. */
    double targetMicrosPerPacket() {
        return delivered == 0 ? 0 : targetCpuSeconds * 1e6 / delivered;
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.1f | %.1f %% | %.2f | %.0f %% | %.0f %% | %.0f %% |",
                target, packetSize, sent / seconds, deliveredPerSecond(), mbitPerSecond(), 100 * lossShare(),
                targetMicrosPerPacket(), 100 * targetCpuSeconds / seconds, 100 * generatorCpuSeconds / seconds,
                100 * machineBusy);
    }

    static String header() {
        return "| target | packet (B) | sent pkt/s | delivered pkt/s | Mbit/s | loss | target CPU µs/pkt "
                + "| target CPU | generator CPU | machine busy (2 CPUs) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }
}
