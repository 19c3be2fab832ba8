package io.cohort.lab.localcluster;

import java.util.Objects;
import java.util.Optional;

/** How the members of a local cluster reach each other: the {@code [cluster] transport} they are given. */
public sealed interface MemberTransport {
    /** Multicast on the server's default group, joined on the LAN device. */
    MemberTransport MULTICAST = new Multicast(Optional.empty());

    /**
     * Multicast to {@code group} on the LAN device ({@link ClusterLan#DEVICE}).
     *
     * @param group an IPv4 multicast literal; empty: the server's default group
     */
    record Multicast(Optional<String> group) implements MemberTransport {
        public Multicast {
            Objects.requireNonNull(group);
        }
    }

    /** Unicast to every member's address on the LAN, each member listing them all ({@code transport = static}). */
    record StaticPeers() implements MemberTransport {
    }
}
