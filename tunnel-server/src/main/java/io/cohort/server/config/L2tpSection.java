package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Literal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [l2tp]}; {@code secret} prints as {@code Secret[set]}, never its value.
 *
 * @param helloInterval silence on a tunnel's control channel before a HELLO (RFC 2661 6.5); empty:
 *                      no HELLOs ({@code hello-interval = 0s})
 */
public record L2tpSection(InetAddress listen, int port, Secret secret, boolean hideAvps, int receiveWindow,
                          Duration retransmitInitial, Duration retransmitMax, int retransmitAttempts,
                          Optional<Duration> helloInterval) {
    private static final Duration MAX_HELLO_INTERVAL = Duration.ofHours(1);
    public static final L2tpSection DEFAULT = new L2tpSection(Ipv4Literal.fromInt(0), 1701, Secret.none(), false, 8,
            Duration.ofSeconds(1), Duration.ofSeconds(8), 5, Optional.of(Duration.ofSeconds(60)));

    public L2tpSection {
        Objects.requireNonNull(listen);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(retransmitInitial);
        Objects.requireNonNull(retransmitMax);
        Objects.requireNonNull(helloInterval);
        SettingRules rules = new SettingRules("l2tp");
        rules.range("port", port, 1, 65535);
        rules.compare(!hideAvps || secret.isPresent(), "hide-avps",
                "hiding AVPs needs a secret; set l2tp.secret or hide-avps = false", "secret");
        rules.range("receive-window", receiveWindow, 1, 65535);
        rules.range("retransmit-initial", retransmitInitial, Duration.ofMillis(100), Duration.ofMinutes(1));
        // RFC 2661 5.8: "This cap MUST be no less than 8 seconds per retransmission."
        rules.range("retransmit-max", retransmitMax, Duration.ofSeconds(8), Duration.ofMinutes(5));
        rules.compare(retransmitMax.compareTo(retransmitInitial) >= 0, "retransmit-max",
                DurationFormat.format(retransmitMax) + " is less than retransmit-initial ("
                        + DurationFormat.format(retransmitInitial) + ")", "retransmit-initial");
        rules.range("retransmit-attempts", retransmitAttempts, 1, 100);
        helloInterval.ifPresent(hello -> {
            rules.check(hello.isPositive(), "hello-interval", DurationFormat.format(hello)
                    + " is not an interval; no HELLOs is no interval");
            rules.check(hello.compareTo(MAX_HELLO_INTERVAL) <= 0, "hello-interval", "'" + DurationFormat.format(hello)
                    + "' is out of range 0s.." + DurationFormat.format(MAX_HELLO_INTERVAL) + " (0s turns HELLOs off)");
        });
        rules.enforce();
    }

    static L2tpSection read(SectionValues s) {
        L2tpSection d = DEFAULT;
        Duration hello = s.duration("hello-interval", d.helloInterval().orElse(Duration.ZERO));
        return new L2tpSection(s.ipAddress("listen", d.listen()), s.integer("port", d.port()),
                // The secret is never quoted in an error, so it is read without any check on its text.
                Secret.of(s.text("secret")), s.bool("hide-avps", d.hideAvps()),
                s.integer("receive-window", d.receiveWindow()),
                s.duration("retransmit-initial", d.retransmitInitial()),
                s.duration("retransmit-max", d.retransmitMax()),
                s.integer("retransmit-attempts", d.retransmitAttempts()),
                hello.isZero() ? Optional.empty() : Optional.of(hello));
    }
}
