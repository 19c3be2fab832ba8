package io.cohort.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [cluster]}: whether this server is a member of a cluster, who it is on the cluster
 * network, how members reach each other, where its credentials are, and the failure-detection
 * policy (the patent's t, K and n range).
 *
 * @param enabled        join a cluster; false runs the server alone (the other keys are then only checked
 *                       for syntax and range: none is required)
 * @param name           this member's name, the CN of its member certificate; empty if not given
 * @param address        its address on the cluster network (its certificate's IP subject alternative name)
 * @param port           the cluster UDP port, the same on every member
 * @param transport      multicast, broadcast or static
 * @param group          the multicast group (transport = multicast)
 * @param interfaceName  the interface multicast goes out of and is joined on (transport = multicast);
 *                       empty if not given
 * @param broadcast      the subnet broadcast address (transport = broadcast)
 * @param peers          every member's address and port (transport = static); may include this member;
 *                       literals, never resolved
 * @param pkiDir         the directory with {@code ca.crt}, {@code crl.pem}, {@code members/NAME.crt}
 *                       and {@code members/NAME.key} (as {@code cohort pki} writes them)
 * @param configVersion  the configuration's version: a member with an older one is told to exit,
 *                       fetches this configuration from the master and rejoins
 * @param watchdog       the watchdog t: silence after which a member or the master is declared dead
 * @param horizon        the K of n·Pⁿ &lt; 1/K: about one false detection per K watchdog intervals
 * @param minLosses      the smallest n
 * @param maxLosses      the largest n
 * @param stateDir       where a configuration fetched from the cluster is kept ({@code cluster.ini})
 * @param assignAllUnits whether the master gives every work unit an owner at once, rather than on
 *                       its first packet
 */
public record ClusterSection(boolean enabled, String name, Optional<InetAddress> address, int port,
                             ClusterTransportMode transport, Optional<InetAddress> group, String interfaceName,
                             Optional<InetAddress> broadcast, List<InetSocketAddress> peers, Path pkiDir,
                             long configVersion, Duration watchdog, double horizon, int minLosses, int maxLosses,
                             Path stateDir, boolean assignAllUnits) {
    public ClusterSection {
        Objects.requireNonNull(name);
        Objects.requireNonNull(address);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(group);
        Objects.requireNonNull(interfaceName);
        Objects.requireNonNull(broadcast);
        peers = List.copyOf(peers);
        Objects.requireNonNull(pkiDir);
        Objects.requireNonNull(watchdog);
        Objects.requireNonNull(stateDir);
    }

    /** The file a configuration fetched from the cluster is kept in. */
    public Path fetchedConfiguration() {
        return stateDir.resolve("cluster.ini");
    }
}
