package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Literal;
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
    public static final PptpSection DEFAULT = new PptpSection(true, Ipv4Literal.fromInt(0), 1723,
            PptpEncryption.MPPE_128, 1000, 16, Duration.ofSeconds(60), Duration.ofSeconds(60));

    public PptpSection {
        Objects.requireNonNull(listen);
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(setupTimeout);
        Objects.requireNonNull(echoInterval);
        SettingRules rules = new SettingRules("pptp");
        rules.range("port", port, 1, 65535);
        rules.range("max-connections", maxConnections, 1, 1_000_000);
        rules.range("max-calls-per-connection", maxCallsPerConnection, 1, 65535);
        rules.range("setup-timeout", setupTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        rules.range("echo-interval", echoInterval, Duration.ofSeconds(1), Duration.ofHours(1));
        rules.enforce();
    }

    static PptpSection read(SectionValues s) {
        PptpSection d = DEFAULT;
        return new PptpSection(s.bool("enabled", d.enabled()), s.ipv4("listen", d.listen()),
                s.integer("port", d.port()),
                s.named("encryption", PptpEncryption::byConfigName, "an encryption policy (mppe-128, none)",
                        d.encryption()),
                s.integer("max-connections", d.maxConnections()),
                s.integer("max-calls-per-connection", d.maxCallsPerConnection()),
                s.duration("setup-timeout", d.setupTimeout()), s.duration("echo-interval", d.echoInterval()));
    }
}
