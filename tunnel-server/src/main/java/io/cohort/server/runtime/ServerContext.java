package io.cohort.server.runtime;

import io.cohort.ppp.auth.UserDirectory;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.telemetry.Counters;
import io.cohort.time.Clock;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link ServerRuntime} is given: the validated configuration, the address pool, the
 * registry to keep status rows in, the server's counters, the clocks, {@code additionalUsers}: users
 * whoever embeds the server adds (looked up before the {@code [users] file}), and {@code fatal}: call it when the runtime can no longer
 * serve (an event loop died), and the server shuts down with a failure exit code; {@code cluster}:
 * where the protocols register with the cluster layer (used when {@code [cluster]} is enabled).
 */
public record ServerContext(CohortConfig config, Ipv4Pool pool, SessionRegistry registry, Counters counters,
                            Clock clock, InstantSource wallClock, Optional<UserDirectory> additionalUsers, Consumer<Throwable> fatal,
                            ClusterRegistrations cluster) {
    public ServerContext {
        Objects.requireNonNull(config);
        Objects.requireNonNull(pool);
        Objects.requireNonNull(registry);
        Objects.requireNonNull(counters);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(wallClock);
        Objects.requireNonNull(additionalUsers);
        Objects.requireNonNull(fatal);
        Objects.requireNonNull(cluster);
    }
}
