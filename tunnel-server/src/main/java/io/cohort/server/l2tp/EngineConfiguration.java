package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpLimits;
import io.cohort.l2tp.control.ReliableDeliveryConfig;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.L2tpSection;
import io.cohort.server.config.LimitsSection;
import java.time.Duration;

/**
 * Translates the operator's typed configuration ({@code [l2tp]}, {@code [limits]}) into the L2TP
 * engine's own configuration records (the PPP side is
 * {@link io.cohort.server.sessions.PppServerConfiguration}). The engine is stricter than the file
 * in two places, handled here: the receive window is capped at what the control channel can
 * hold, and tunnel counts are capped at the 16-bit ID space.
 */
public final class EngineConfiguration {
    /** RFC 2661 5.8 suggests a short delay before a ZLB acknowledges alone. */
    static final Duration ACK_DELAY = Duration.ofMillis(100);

    private EngineConfiguration() {
    }

    /** The LNS node's configuration: accepts tunnels, never opens them. */
    public static L2tpConfig l2tp(CohortConfig config) {
        L2tpSection l = config.l2tp();
        ReliableDeliveryConfig reliability = new ReliableDeliveryConfig(l.retransmitInitial(), l.retransmitMax(),
                l.retransmitAttempts(), ACK_DELAY, Math.min(l.receiveWindow(), ReliableDeliveryConfig.MAX_RECEIVE_WINDOW));
        TunnelSettings tunnel = TunnelSettings.defaults(config.server().hostname())
                .withReliability(reliability)
                .withHelloInterval(l.helloInterval());
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
}
