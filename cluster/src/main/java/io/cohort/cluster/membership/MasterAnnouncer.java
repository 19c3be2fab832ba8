package io.cohort.cluster.membership;

/**
 * Called when this node becomes master (figure 6, 621) and again when it wins a tie-breaker
 * (figure 6, 637; figure 8A, 827), "to tell anyone on the network what Ethernet address to use
 * for the cluster IP address": gratuitous ARP in the product.
 */
@FunctionalInterface
public interface MasterAnnouncer {
    void announce();

    MasterAnnouncer NONE = () -> { };
}
