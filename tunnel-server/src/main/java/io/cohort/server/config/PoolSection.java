package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Cidr;
import java.net.Inet4Address;
import java.util.Objects;

/** {@code [pool]}: the clients' addresses and the server's own PPP address. */
public record PoolSection(Ipv4Cidr ipv4, Inet4Address gateway) {
    public PoolSection {
        Objects.requireNonNull(ipv4);
        Objects.requireNonNull(gateway);
    }
}

