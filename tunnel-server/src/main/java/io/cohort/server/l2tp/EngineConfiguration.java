package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpLimits;
import io.cohort.l2tp.control.ReliableDeliveryConfig;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Authenticator;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.L2tpSection;
import io.cohort.server.config.LimitsSection;
import io.cohort.server.config.PppSection;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Translates the operator's typed configuration ({@code [l2tp]}, {@code [limits]}, {@code [ppp]},
 * {@code [pool]}) into the engines' own configuration records. The engines are stricter than the
 * file in three places, handled here: a zero HELLO interval (off) becomes one HELLO a day, the
 * receive window is capped at what the control channel can hold, and tunnel counts are capped at
 * the 16-bit ID space.
 */
public final class EngineConfiguration {
    /** RFC 2661 5.8 suggests a short delay before a ZLB acknowledges alone. */
    static final Duration ACK_DELAY = Duration.ofMillis(100);
    /** With HELLOs "off" the engine still needs an interval; a day is as good as never. */
    static final Duration HELLO_OFF = Duration.ofDays(1);

    private EngineConfiguration() {
    }

    /** The LNS node's configuration: accepts tunnels, never opens them. */
    public static L2tpConfig l2tp(CohortConfig config) {
        L2tpSection l = config.l2tp();
        ReliableDeliveryConfig reliability = new ReliableDeliveryConfig(l.retransmitInitial(), l.retransmitMax(),
                l.retransmitAttempts(), ACK_DELAY, Math.min(l.receiveWindow(), ReliableDeliveryConfig.MAX_RECEIVE_WINDOW));
        TunnelSettings tunnel = TunnelSettings.defaults(config.server().hostname())
                .withReliability(reliability)
                .withHelloInterval(l.helloEnabled() ? l.helloInterval() : HELLO_OFF);
        if (l.secret().isPresent()) {
            tunnel = tunnel.withSecret(HidingSecret.of(l.secret().bytes()), l.hideAvps());
        }
        return new L2tpConfig(true, false, tunnel, limits(config.limits()));
    }

    static L2tpLimits limits(LimitsSection s) {
        int maxTunnels = Math.min(s.maxTunnels(), 0xFFFF);
        return new L2tpLimits(maxTunnels, Math.min(s.maxTunnelsPerPeer(), maxTunnels), s.maxSessions(),
                s.maxSessionsPerTunnel());
    }

    /**
     * The configuration shared by every server-role PPP link: methods in the operator's order of
     * preference, the gateway as our IPCP address, DNS/NBNS offered from {@code [ppp]}.
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

    static List<AuthMethod> authMethods(PppSection p) {
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
