package io.cohort.lab.localcluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration file of one local-cluster member: the embedded default plus its own name,
 * address, pool and control socket, the shared cluster credentials, the settings' transport on the
 * bridge LAN, watchdog and protocols ({@link MemberOptions}), every work unit assigned at once (or
 * on demand), no per-peer tunnel limit to speak of (all clients share the client namespace's
 * address), the shared {@code [steering]} section (left out without a steering mode), with an
 * inside LAN {@code [inside]} naming the member's interface on it, and the {@code [log] level} of
 * {@link #LOG_LEVEL_PROPERTY} if set.
 *
 * @param name the member's name (its certificate's CN), e.g. {@code m2}
 * @param index its index on the settings' {@link ClusterLan}
 * @param settings the cluster's settings
 * @param pkiDir the cluster CA's directory (ca.crt, crl.pem, members/)
 * @param home the member's own directory ({@link ServerDirectory}: configuration, control socket, log, state)
 * @param usersFile the users file every member reads
 * @param peers the LAN addresses of every member of the cluster, for {@link MemberTransport.StaticPeers}
 */
record MemberConfiguration(String name, int index, LocalClusterSettings settings, Path pkiDir, Path home,
                           Path usersFile, List<String> peers) {
    /** A {@code [log] level} for every member (e.g. {@code debug}) while chasing a failure; unset: the default. */
    static final String LOG_LEVEL_PROPERTY = "cohort.lab.log-level";

    MemberConfiguration {
        peers = List.copyOf(peers);
    }

    ServerDirectory directory() {
        return new ServerDirectory(home);
    }

    Path controlSocket() {
        return directory().controlSocket();
    }

    String address() {
        return settings.lan().memberAddress(index);
    }

    /** The INI text. */
    String render() {
        ClusterLan lan = settings.lan();
        MemberOptions options = settings.memberOptions();
        String text = """
                ; member %s of a local cluster; written for this run only

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
                port = %d
                %spki-dir = %s
                state-dir = %s
                assign-all-units = %s
                """.formatted(name, name, lan.pool(index), lan.gateway(index), usersFile, controlSocket(), name,
                address(), ClusterLan.PORT, transport(options.transport()), pkiDir, home.resolve("state"),
                !settings.unitsOnDemand());
        text += options.watchdog().map(w -> "watchdog = " + w.toMillis() + "ms\n").orElse("");
        String logLevel = System.getProperty(LOG_LEVEL_PROPERTY);
        if (logLevel != null) {
            text += "\n[log]\nlevel = " + logLevel + "\n";
        }
        if (settings.inside().isPresent()) {
            text += "\n[inside]\ninterface = " + InsideLan.DEVICE + "\n";
        }
        if (!options.pptp()) {
            text += """

                    [pptp]
                    enabled = false
                    """;
        }
        if (settings.steering().isEmpty()) {
            return text;
        }
        return text + """

                [steering]
                mode = %s
                address = %s
                interface = %s
                """.formatted(settings.steering().get().configName(), lan.clusterAddress(), ClusterLan.DEVICE);
    }

    private String transport(MemberTransport transport) {
        return switch (transport) {
            case MemberTransport.Multicast m -> "transport = multicast\n"
                    + m.group().map(g -> "group = " + g + "\n").orElse("")
                    + "interface = " + ClusterLan.DEVICE + "\n";
            case MemberTransport.StaticPeers s -> "transport = static\npeers = "
                    + peers.stream().map(a -> a + ":" + ClusterLan.PORT).collect(Collectors.joining(", ")) + "\n";
        };
    }
}
