package io.cohort.lab.localcluster;

import java.util.List;

/**
 * The addresses of a local cluster's inside LAN: the hosts behind the cluster, which the clients
 * reach through their tunnels and which answer them at the clients' addresses. On its own bridge,
 * apart from the {@link ClusterLan}: member {@code i} at {@code .10+i} on its second interface
 * {@value #DEVICE}, one host at {@code .100}. The host routes every member's pool onto the LAN
 * without a gateway ({@link #POOL_ROUTES}): it asks by ARP who has a client's address, and the
 * member serving that client's session answers ({@code [inside]} of the members).
 */
public record InsideLan(String prefix) {
    /** The inside LAN of the tests: 10.79.0.0/24 (beside the cluster LAN's 10.77.0.0/24 and the pools' 10.100 to 10.132). */
    public static final InsideLan DEFAULT = new InsideLan("10.79.0");
    /** Each member's interface on the inside LAN, and the host's. */
    public static final String DEVICE = "eth1";
    /**
     * The host's on-link routes that cover every pool {@link ClusterLan#pool} hands out
     * ({@code 10.100.0.0/20} to {@code 10.132.0.0/20}).
     */
    public static final List<String> POOL_ROUTES = List.of("10.96.0.0/11", "10.128.0.0/11");

    public InsideLan {
        if (!prefix.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("a LAN prefix is three octets, e.g. 10.79.0: " + prefix);
        }
    }

    /** Member {@code index}'s address on the inside LAN. */
    public String memberAddress(int index) {
        if (index < 0 || index > 2 * ClusterLan.MAX_MEMBERS) {
            throw new IllegalArgumentException("member index " + index + " is not 0.." + 2 * ClusterLan.MAX_MEMBERS);
        }
        return prefix + "." + (10 + index);
    }

    /** The host behind the cluster. */
    public String hostAddress() {
        return prefix + ".100";
    }
}
