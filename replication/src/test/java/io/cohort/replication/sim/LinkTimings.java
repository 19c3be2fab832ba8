package io.cohort.replication.sim;

import java.time.Duration;

/**
 * The timings of {@link SimPeerLink}, those of {@code ReplicationSettings} (same meaning; a
 * simulation may shorten them to see more reconnections per simulated second).
 */
record LinkTimings(Duration reconnectInitial, Duration reconnectMax, Duration handshakeTimeout,
                   Duration probeInterval, int unansweredProbes, Duration coalesceDelay) {

    /** The transport's defaults ({@code ReplicationSettings}). */
    static final LinkTimings DEFAULTS = new LinkTimings(Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(2), 3, Duration.ofMillis(1));

    LinkTimings withProbeInterval(Duration next) {
        return new LinkTimings(reconnectInitial, reconnectMax, handshakeTimeout, next, unansweredProbes, coalesceDelay);
    }

    LinkTimings withReconnectMax(Duration next) {
        return new LinkTimings(reconnectInitial, next, handshakeTimeout, probeInterval, unansweredProbes, coalesceDelay);
    }

    LinkTimings withHandshakeTimeout(Duration next) {
        return new LinkTimings(reconnectInitial, reconnectMax, next, probeInterval, unansweredProbes, coalesceDelay);
    }
}
