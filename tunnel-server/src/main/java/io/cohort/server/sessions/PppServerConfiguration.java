package io.cohort.server.sessions;

import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Authenticator;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.PppSection;
import io.cohort.server.config.PptpEncryption;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Translates {@code [ppp]} and {@code [pool]} into the server-role {@link PppLinkConfig} every
 * session shares, whatever carries it, and adapts it for PPTP calls ({@code [pptp] encryption}).
 */
public final class PppServerConfiguration {
    private static final int MAX_MRU = 0xFFFF;

    private PppServerConfiguration() {
    }

    /**
     * The configuration shared by every server-role PPP link: methods in the operator's order of
     * preference, the gateway as our IPCP address, DNS/NBNS offered from {@code [ppp]}, no encryption.
     */
    public static PppLinkConfig pppServer(CohortConfig config, Authenticator authenticator,
                                          Ipv4AddressAllocator allocator, RandomGenerator random, Counters counters,
                                          RateLimitedLog log) {
        PppSection p = config.ppp();
        IpcpSettings ipcp = new IpcpSettings(Optional.of(config.pool().gateway()), nth(p.dns(), 0), nth(p.dns(), 1),
                nth(p.nbns(), 0), nth(p.nbns(), 1), false);
        return new PppLinkConfig(Role.SERVER, config.server().hostname(), authMethods(p), Optional.of(authenticator),
                Optional.empty(), Optional.of(allocator), ipcp, p.ipv6(), p.mru(), p.echoInterval(), p.echoFailures(),
                RestartPolicy.RFC_DEFAULTS, random, counters, log);
    }

    /**
     * The links of PPTP calls. With {@link PptpEncryption#MPPE_128}: MPPE 128-bit stateless
     * required, MS-CHAPv2 the only method offered (MPPE's keys come from it, RFC 3079; offering
     * another would let a client authenticate and then be cut off), and an MRU of {@code [ppp] mru}
     * plus {@link PppSession#MPPE_OVERHEAD}, so that a client may send packets of {@code mru}
     * octets once encrypted. With {@link PptpEncryption#NONE}: {@code base} unchanged.
     */
    public static PppLinkConfig pptpServer(PppLinkConfig base, PptpEncryption encryption) {
        return switch (encryption) {
            case NONE -> base;
            case MPPE_128 -> new PppLinkConfig(base.role(), base.name(), List.of(AuthMethod.MSCHAP_V2),
                    base.authenticator(), base.credentials(), base.allocator(), base.ipcp(), base.ipv6(),
                    Math.min(MAX_MRU, base.mru() + PppSession.MPPE_OVERHEAD), base.echoInterval(), base.echoFailures(),
                    base.restart(), base.random(), base.counters(), base.log(), EncryptionPolicy.MPPE_128_REQUIRED);
        };
    }

    public static List<AuthMethod> authMethods(PppSection p) {
        return p.auth().stream().map(m -> switch (m) {
            case MSCHAPV2 -> AuthMethod.MSCHAP_V2;
            case CHAP_MD5 -> AuthMethod.CHAP_MD5;
            case PAP -> AuthMethod.PAP;
        }).toList();
    }

    private static Optional<Inet4Address> nth(List<Inet4Address> list, int index) {
        return index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
    }
}
