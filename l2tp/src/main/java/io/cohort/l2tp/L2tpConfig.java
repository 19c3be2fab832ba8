package io.cohort.l2tp;

import io.cohort.l2tp.tunnel.TunnelSettings;
import java.util.Objects;

/**
 * Configuration of one node.
 *
 * @param acceptTunnels act as LNS: answer SCCRQs and incoming calls
 * @param openTunnels act as LAC: open tunnels and place calls
 * @param tunnel per-tunnel protocol settings (host name, secret, hiding, timers, window)
 * @param limits admission limits
 */
public record L2tpConfig(boolean acceptTunnels, boolean openTunnels, TunnelSettings tunnel, L2tpLimits limits) {

    public L2tpConfig {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(limits, "limits");
        if (!acceptTunnels && !openTunnels) {
            throw new IllegalArgumentException("a node must accept or open tunnels");
        }
    }

    /** An LNS with default settings. */
    public static L2tpConfig lns(String hostName) {
        return new L2tpConfig(true, false, TunnelSettings.defaults(hostName), L2tpLimits.defaults());
    }

    /** A LAC with default settings. */
    public static L2tpConfig lac(String hostName) {
        return new L2tpConfig(false, true, TunnelSettings.defaults(hostName), L2tpLimits.defaults());
    }

    public L2tpConfig withTunnel(TunnelSettings t) {
        return new L2tpConfig(acceptTunnels, openTunnels, t, limits);
    }

    public L2tpConfig withLimits(L2tpLimits l) {
        return new L2tpConfig(acceptTunnels, openTunnels, tunnel, l);
    }
}
