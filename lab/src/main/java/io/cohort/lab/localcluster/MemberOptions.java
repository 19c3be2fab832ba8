package io.cohort.lab.localcluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What every member's configuration says besides its own name, address, pool and the steering.
 *
 * @param transport how members reach each other
 * @param watchdog the failure detector's t ({@code [cluster] watchdog}); empty: the server's default
 * @param pptp whether members serve PPTP besides L2TP ({@code [pptp] enabled})
 */
public record MemberOptions(MemberTransport transport, Optional<Duration> watchdog, boolean pptp) {
    /**
     * For members sharing one host, as the demo and the tests run them: multicast on the default
     * group, PPTP on, and a watchdog of 2 s. The default 200 ms is for members on hosts of their own;
     * here all members share this host's cores with each other's JVM start-up, and 200 ms without a
     * keepalive happened often enough to make members flap (leave and join again, losing units).
     */
    public static final MemberOptions SHARED_HOST = new MemberOptions(MemberTransport.MULTICAST,
            Optional.of(Duration.ofSeconds(2)), true);

    public MemberOptions {
        Objects.requireNonNull(transport);
        Objects.requireNonNull(watchdog);
    }

    public MemberOptions withTransport(MemberTransport t) {
        return new MemberOptions(t, watchdog, pptp);
    }

    /** The server's own watchdog (its configuration default) rather than a chosen one. */
    public MemberOptions withDefaultWatchdog() {
        return new MemberOptions(transport, Optional.empty(), pptp);
    }

    /** L2TP only. */
    public MemberOptions withoutPptp() {
        return new MemberOptions(transport, watchdog, false);
    }
}
