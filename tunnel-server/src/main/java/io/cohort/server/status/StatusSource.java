package io.cohort.server.status;

import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.telemetry.Counters;
import java.net.Inet4Address;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** Takes {@link StatusSnapshot}s of one running server. */
public final class StatusSource {
    private final String hostname;
    private final String version;
    private final Instant startedAt;
    private final InstantSource clock;
    private final SessionRegistry registry;
    private final Ipv4Pool pool;
    private final Inet4Address gateway;
    private final Counters counters;

    public StatusSource(String hostname, String version, InstantSource clock, SessionRegistry registry, Ipv4Pool pool,
                        Inet4Address gateway, Counters counters) {
        this.hostname = Objects.requireNonNull(hostname);
        this.version = Objects.requireNonNull(version);
        this.clock = Objects.requireNonNull(clock);
        this.startedAt = clock.instant();
        this.registry = Objects.requireNonNull(registry);
        this.pool = Objects.requireNonNull(pool);
        this.gateway = Objects.requireNonNull(gateway);
        this.counters = Objects.requireNonNull(counters);
    }

    public StatusSnapshot snapshot() {
        var allocations = pool.allocations();
        PoolStatus poolStatus = new PoolStatus(pool.cidr(), gateway, pool.size(), allocations.size(), allocations);
        return new StatusSnapshot(hostname, version, startedAt, clock.instant(), registry.tunnels(), registry.sessions(),
                poolStatus, counters.snapshot());
    }
}
