package io.cohort.replication.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a member's replication transport runs.
 *
 * @param listen            where peers connect to send their state (the member's cluster address
 *                          and port, TCP beside the cluster's UDP); port 0 picks a free one
 * @param reconnectInitial  the first wait before reaching a lost or unreachable peer again
 * @param reconnectMax      the longest such wait (the wait doubles up to it)
 * @param lowWaterMark      outbound octets under which a slow connection is written to again
 * @param highWaterMark     outbound octets over which a connection stops taking frames: its
 *                          changes coalesce in its dirty set instead of queueing
 * @param handshakeTimeout  how long a TLS handshake may take
 * @param probeInterval     how long a connection we send on may go without an answer from the
 *                          peer before a barrier probes it
 * @param unansweredProbes  probes without any answer after which the connection is taken for
 *                          dead (a peer that vanished without closing it) and opened again
 * @param coalesceDelay     how long changes gather before a connection's event loop is woken to
 *                          send them: puts within it cost no wake-up and leave in one TLS record
 *                          batch; zero wakes the loop at each first change
 */
public record ReplicationSettings(InetSocketAddress listen, Duration reconnectInitial, Duration reconnectMax,
                                  int lowWaterMark, int highWaterMark, Duration handshakeTimeout,
                                  Duration probeInterval, int unansweredProbes, Duration coalesceDelay) {
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);
    public static final int DEFAULT_LOW_WATER_MARK = 256 * 1024;
    public static final int DEFAULT_HIGH_WATER_MARK = 1024 * 1024;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_UNANSWERED_PROBES = 3;
    public static final Duration DEFAULT_COALESCE_DELAY = Duration.ofMillis(1);

    public ReplicationSettings {
        Objects.requireNonNull(listen);
        if (reconnectInitial.isNegative() || reconnectInitial.isZero() || reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect from " + reconnectInitial + " up to " + reconnectMax);
        }
        if (lowWaterMark <= 0 || highWaterMark < lowWaterMark) {
            throw new IllegalArgumentException("water marks " + lowWaterMark + " and " + highWaterMark);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout " + handshakeTimeout);
        }
        if (probeInterval.isNegative() || probeInterval.isZero() || unansweredProbes < 1) {
            throw new IllegalArgumentException("probes every " + probeInterval + ", " + unansweredProbes + " unanswered");
        }
        if (coalesceDelay.isNegative()) {
            throw new IllegalArgumentException("coalesce delay " + coalesceDelay);
        }
    }

    public static ReplicationSettings defaults(InetSocketAddress listen) {
        return new ReplicationSettings(listen, DEFAULT_RECONNECT_INITIAL, DEFAULT_RECONNECT_MAX, DEFAULT_LOW_WATER_MARK,
                DEFAULT_HIGH_WATER_MARK, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_PROBE_INTERVAL, DEFAULT_UNANSWERED_PROBES,
                DEFAULT_COALESCE_DELAY);
    }
}
