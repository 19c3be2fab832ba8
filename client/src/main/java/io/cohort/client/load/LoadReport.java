package io.cohort.client.load;

import java.time.Duration;
import java.util.Locale;

/**
 * What a load run measured: how fast {@code sessions} concurrent set-ups completed, and the
 * ICMP echo traffic of the data phase (replies counted; Mbit/s is reply IPv4 octets only).
 */
public record LoadReport(int sessions, int tunnels, Duration setupTime, long packetsSent, long packetsReceived,
                         Duration dataTime, int packetSize) {

    public double setupsPerSecond() {
        return sessions / seconds(setupTime);
    }

    public double packetsPerSecond() {
        return dataTime.isZero() ? 0 : packetsReceived / seconds(dataTime);
    }

    public double mbitPerSecond() {
        return packetsPerSecond() * packetSize * 8 / 1e6;
    }

    /** One line for humans and scripts. */
    public String summary() {
        return String.format(Locale.ROOT,
                "sessions=%d tunnels=%d setup=%.3fs setups/s=%.0f | echo sent=%d received=%d loss=%.2f%% "
                        + "in %.3fs: %.0f pkt/s %.1f Mbit/s (%d-octet packets)",
                sessions, tunnels, seconds(setupTime), setupsPerSecond(), packetsSent, packetsReceived,
                packetsSent == 0 ? 0.0 : 100.0 * (packetsSent - packetsReceived) / packetsSent, seconds(dataTime),
                packetsPerSecond(), mbitPerSecond(), packetSize);
    }

    private static double seconds(Duration d) {
        return Math.max(d.toNanos(), 1) / 1e9;
    }
}
