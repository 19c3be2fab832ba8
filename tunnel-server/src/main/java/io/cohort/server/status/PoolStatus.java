package io.cohort.server.status;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.pool.Ipv4Pool;
import java.net.Inet4Address;
import java.util.List;

/** The address pool at one moment: its block, the gateway, its size and who holds which address. */
public record PoolStatus(Ipv4Cidr cidr, Inet4Address gateway, int size, int used, List<Ipv4Pool.Allocation> allocations) {
    public PoolStatus {
        allocations = List.copyOf(allocations);
    }
}
