package io.cohort.server.config;

import java.util.Objects;

/**
 * The whole validated configuration of one server, section by section. Obtain it from
 * {@link ConfigLoader}; it is immutable and safe to print (the L2TP secret prints as
 * {@code Secret[set]}).
 */
public record CohortConfig(ServerSection server, L2tpSection l2tp, PptpSection pptp, LimitsSection limits,
                           PppSection ppp, PoolSection pool, TunSection tun, UsersSection users, ControlSection control,
                           ClusterSection cluster, SteeringSection steering, LogSection log) {
    public CohortConfig {
        Objects.requireNonNull(server);
        Objects.requireNonNull(l2tp);
        Objects.requireNonNull(pptp);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(ppp);
        Objects.requireNonNull(pool);
        Objects.requireNonNull(tun);
        Objects.requireNonNull(users);
        Objects.requireNonNull(control);
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(steering);
        Objects.requireNonNull(log);
    }
}
