package io.cohort.l2tp.tunnel;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.security.SecureRandom;
import java.util.Objects;

/** The node-wide services every tunnel uses: time, randomness, its owner, telemetry. */
public record TunnelEnvironment(Scheduler scheduler, SecureRandom random, TunnelObserver observer,
        Counters counters, RateLimitedLog log) {

    public TunnelEnvironment {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(log, "log");
    }
}
