package io.cohort.server.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code [pptp]}: the PPTP control listener (TCP) and the raw GRE socket, both on {@code listen}.
 *
 * @param maxConnections        control connections (TCP) held at once; more are closed on accept
 * @param maxCallsPerConnection calls one control connection may carry (RFC 2637 2.8 result 7 beyond)
 * @param setupTimeout          time a new connection has to send its Start-Control-Connection-Request (3.1.4)
 * @param echoInterval          silence before an Echo-Request, and the wait for its reply (3.1.4: 60 s)
 */
public record PptpSection(boolean enabled, Inet4Address listen, int port, PptpEncryption encryption,
                          int maxConnections, int maxCallsPerConnection, Duration setupTimeout,
                          Duration echoInterval) {
    public PptpSection {
        Objects.requireNonNull(listen);
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(setupTimeout);
        Objects.requireNonNull(echoInterval);
    }
}
