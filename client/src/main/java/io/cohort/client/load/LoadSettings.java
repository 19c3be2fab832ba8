package io.cohort.client.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One load run.
 *
 * @param sessions sessions set up at once
 * @param perTunnel sessions per L2TP tunnel
 * @param duration how long the data phase lasts (zero: set-up only)
 * @param packetSize IPv4 packet size of each ICMP echo request, headers included (28..1400)
 * @param rate echo requests per second over all sessions; 0 sends as fast as the window allows
 * @param protocol L2TP (tunnels of {@code perTunnel} sessions) or PPTP (control connections of
 *                 {@code perTunnel} calls, one raw GRE socket each: root or CAP_NET_RAW)
 */
public record LoadSettings(int sessions, int perTunnel, Duration duration, int packetSize, int rate,
                           LoadProtocol protocol) {
    public static final int MIN_PACKET = 28;
    public static final int MAX_PACKET = 1400;

    public LoadSettings {
        if (sessions < 1 || perTunnel < 1 || rate < 0 || duration.isNegative()) {
            throw new IllegalArgumentException("sessions and per-tunnel must be positive, rate and duration not negative");
        }
        if (packetSize < MIN_PACKET || packetSize > MAX_PACKET) {
            throw new IllegalArgumentException("packet size must be in " + MIN_PACKET + ".." + MAX_PACKET);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    /** An L2TP run. */
    public LoadSettings(int sessions, int perTunnel, Duration duration, int packetSize, int rate) {
        this(sessions, perTunnel, duration, packetSize, rate, LoadProtocol.L2TP);
    }
}
