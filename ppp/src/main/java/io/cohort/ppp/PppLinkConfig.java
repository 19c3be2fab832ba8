package io.cohort.ppp;

import io.cohort.ppp.auth.Authenticator;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link PppLink} needs besides its scheduler, executor and events. One instance is
 * meant to be shared by all links of a server (counters, log and random generator included), so
 * per-link memory stays small.
 *
 * @param authMethods server: methods to require, in preference order; client: methods allowed
 * @param authenticator server only
 * @param credentials   client only
 * @param allocator     server only
 * @param echoInterval  LCP Echo-Request interval; zero disables the keepalive
 * @param echoFailures  unanswered Echo-Requests that mean the peer is dead
 * @param random        a shared SecureRandom for challenges and magic numbers
 * @param encryption    {@link EncryptionPolicy#NONE} (no CCP: L2TP's default) or MPPE required
 *                      (PPTP's default is {@link EncryptionPolicy#MPPE_128_REQUIRED})
 */
public record PppLinkConfig(Role role, String name, List<AuthMethod> authMethods,
                            Optional<Authenticator> authenticator, Optional<Credentials> credentials,
                            Optional<Ipv4AddressAllocator> allocator, IpcpSettings ipcp, boolean ipv6, int mru,
                            Duration echoInterval, int echoFailures, RestartPolicy restart,
                            RandomGenerator random, Counters counters, RateLimitedLog log,
                            EncryptionPolicy encryption) {
    public PppLinkConfig {
        authMethods = List.copyOf(authMethods);
        Objects.requireNonNull(encryption, "encryption");
        if (encryption instanceof EncryptionPolicy.MppeRequired && !authMethods.contains(AuthMethod.MSCHAP_V2)) {
            throw new IllegalArgumentException("MPPE needs MS-CHAPv2 among the authentication methods (RFC 3079)");
        }
        if (role == Role.SERVER && (authenticator.isEmpty() || allocator.isEmpty() || ipcp.localAddress().isEmpty())) {
            throw new IllegalArgumentException("a server needs an authenticator, an allocator and a local address");
        }
        if (role == Role.CLIENT && credentials.isEmpty() && !authMethods.isEmpty()) {
            throw new IllegalArgumentException("a client that may authenticate needs credentials");
        }
    }

    /** Without encryption ({@link EncryptionPolicy#NONE}). */
    public PppLinkConfig(Role role, String name, List<AuthMethod> authMethods, Optional<Authenticator> authenticator,
                         Optional<Credentials> credentials, Optional<Ipv4AddressAllocator> allocator,
                         IpcpSettings ipcp, boolean ipv6, int mru, Duration echoInterval, int echoFailures,
                         RestartPolicy restart, RandomGenerator random, Counters counters, RateLimitedLog log) {
        this(role, name, authMethods, authenticator, credentials, allocator, ipcp, ipv6, mru, echoInterval,
                echoFailures, restart, random, counters, log, EncryptionPolicy.NONE);
    }

    /** This configuration with another encryption policy. */
    public PppLinkConfig withEncryption(EncryptionPolicy policy) {
        return new PppLinkConfig(role, name, authMethods, authenticator, credentials, allocator, ipcp, ipv6, mru,
                echoInterval, echoFailures, restart, random, counters, log, policy);
    }

    /** How long the authenticate phase may last before the link gives up. */
    public Duration authTimeout() {
        return restart.restartInterval().multipliedBy(restart.maxConfigure());
    }
}
