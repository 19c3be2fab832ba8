package io.cohort.server.config;

/** {@code [limits]}. */
public record LimitsSection(int maxTunnels, int maxTunnelsPerPeer, int maxSessions, int maxSessionsPerTunnel) {
}

