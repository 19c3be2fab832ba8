package io.cohort.lab.localcluster;

import java.util.Optional;
import io.cohort.steering.SteeringMode;
import java.nio.file.Path;

/**
 * The configuration file of one local-cluster member: the embedded default plus its own name,
 * address, pool and control socket, the shared cluster credentials, multicast on the bridge LAN,
 * every work unit assigned at once (or on demand), a watchdog for a shared host ({@link #WATCHDOG}), no
 * per-peer tunnel limit to speak of (all clients share the client namespace's address), and the shared {@code [steering]} section (left out for
 * no steering mode).
 *
 * @param name the member's name (its certificate's CN), e.g. {@code m2}
 * @param index its index on the {@link ClusterLan}
 * @param lan the cluster's addresses
 * @param steering how the cluster IP is shared
 * @param pkiDir the cluster CA's directory (ca.crt, crl.pem, members/)
 * @param home the member's own directory (control socket, state)
 * @param usersFile the users file every member reads
 * @param assignAllUnits {@code assign-all-units}: every unit assigned at once, or on its first packet
 */
record MemberConfiguration(String name, int index, ClusterLan lan, Optional<SteeringMode> steering, Path pkiDir, Path home,
                           Path usersFile, boolean assignAllUnits) {

    /**
     * The failure detector's t. The default 200 ms is for members on hosts of their own; here all
     * members share this host's cores with each other's JVM start-up, and 200 ms without a
     * keepalive happened often enough to make members flap (leave and join again, losing units).
     */
    static final String WATCHDOG = "2s";

    Path controlSocket() {
        return home.resolve("control.sock");
    }

    String address() {
        return lan.memberAddress(index);
    }

    /** The INI text. */
    String render() {
        String text = """
                ; member %s of a local cluster (cohort run --demo); written for this run only

                [server]
                hostname = %s

                [pool]
                ipv4 = %s
                gateway = %s

                [users]
                file = %s

                [limits]
                ; every client of the local cluster comes from the one client namespace's address
                max-tunnels-per-peer = 1000

                [control]
                socket = %s

                [cluster]
                enabled = true
                name = %s
                address = %s
                transport = multicast
                interface = %s
                pki-dir = %s
                state-dir = %s
                assign-all-units = %s
                watchdog = %s
                """.formatted(name, name, lan.pool(index), lan.gateway(index), usersFile, controlSocket(), name,
                address(), ClusterLan.DEVICE, pkiDir, home.resolve("state"), assignAllUnits, WATCHDOG);
        if (steering.isEmpty()) {
            return text;
        }
        return text + """

                [steering]
                mode = %s
                address = %s
                interface = %s
                """.formatted(steering.get().configName(), lan.clusterAddress(), ClusterLan.DEVICE);
    }
}
