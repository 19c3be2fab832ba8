package io.cohort.client;

import io.cohort.ppp.lcp.AuthMethod;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link L2tpClient} connects with. The password and the tunnel secret never appear in
 * {@link #toString()}.
 *
 * @param server the LNS's UDP address (normally port 1701)
 * @param user PPP user name
 * @param password PPP password
 * @param authMethods the PPP authentication methods we agree to (the server picks)
 * @param tunnelSecret L2TP shared secret for tunnel authentication (RFC 2661 5.1.1), if any
 * @param hideAvps hide AVPs with the secret (RFC 2661 4.3); needs a secret
 * @param setupTimeout how long one {@code connect} may take before it gives up
 */
public record ClientOptions(InetSocketAddress server, String user, String password, List<AuthMethod> authMethods,
                            Optional<byte[]> tunnelSecret, boolean hideAvps, Duration setupTimeout) {

    public ClientOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        authMethods = List.copyOf(authMethods);
        Objects.requireNonNull(tunnelSecret, "tunnelSecret");
        Objects.requireNonNull(setupTimeout, "setupTimeout");
        tunnelSecret = tunnelSecret.map(byte[]::clone);
        if (hideAvps && tunnelSecret.isEmpty()) {
            throw new IllegalArgumentException("hiding AVPs needs a tunnel secret (RFC 2661 4.3)");
        }
        if (!setupTimeout.isPositive()) {
            throw new IllegalArgumentException("setupTimeout must be positive");
        }
    }

    /** PAP, CHAP-MD5 and MS-CHAPv2 allowed, no tunnel secret, 10 s to set up. */
    public static ClientOptions of(InetSocketAddress server, String user, String password) {
        return new ClientOptions(server, user, password,
                List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5, AuthMethod.PAP), Optional.empty(), false,
                Duration.ofSeconds(10));
    }

    public ClientOptions withAuthMethods(List<AuthMethod> methods) {
        return new ClientOptions(server, user, password, methods, tunnelSecret, hideAvps, setupTimeout);
    }

    public ClientOptions withTunnelSecret(byte[] secret, boolean hide) {
        return new ClientOptions(server, user, password, authMethods, Optional.of(secret), hide, setupTimeout);
    }

    public ClientOptions withSetupTimeout(Duration timeout) {
        return new ClientOptions(server, user, password, authMethods, tunnelSecret, hideAvps, timeout);
    }

    @Override
    public String toString() {
        return "ClientOptions[server=" + server + ", user=" + user + ", password=redacted, authMethods="
                + authMethods + ", tunnelSecret=" + (tunnelSecret.isPresent() ? "redacted" : "none")
                + ", hideAvps=" + hideAvps + ", setupTimeout=" + setupTimeout + "]";
    }
}
