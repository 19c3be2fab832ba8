package io.cohort.server.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** {@code [ppp]}; {@code auth} is in order of preference. */
public record PppSection(List<AuthMethod> auth, int mru, Duration echoInterval, int echoFailures,
                         List<Inet4Address> dns, List<Inet4Address> nbns, boolean ipv6) {
    public PppSection {
        auth = List.copyOf(auth);
        Objects.requireNonNull(echoInterval);
        dns = List.copyOf(dns);
        nbns = List.copyOf(nbns);
    }

    /** True if LCP echoes are sent (a zero interval turns them off). */
    public boolean echoEnabled() {
        return !echoInterval.isZero();
    }
}

