package io.cohort.server.config;

/** {@code [limits]}: how many tunnels and sessions this server holds, in all and per peer or tunnel. */
public record LimitsSection(int maxTunnels, int maxTunnelsPerPeer, int maxSessions, int maxSessionsPerTunnel) {
    public static final LimitsSection DEFAULT = new LimitsSection(1000, 16, 10000, 256);

    public LimitsSection {
        SettingRules rules = new SettingRules("limits");
        rules.range("max-tunnels", maxTunnels, 1, 1_000_000);
        rules.range("max-tunnels-per-peer", maxTunnelsPerPeer, 1, 1_000_000);
        rules.range("max-sessions", maxSessions, 1, 1_000_000);
        rules.range("max-sessions-per-tunnel", maxSessionsPerTunnel, 1, 65535);
        rules.compare(maxTunnelsPerPeer <= maxTunnels, "max-tunnels-per-peer",
                maxTunnelsPerPeer + " is more than max-tunnels (" + maxTunnels + ")", "max-tunnels");
        rules.compare(maxSessionsPerTunnel <= maxSessions, "max-sessions-per-tunnel",
                maxSessionsPerTunnel + " is more than max-sessions (" + maxSessions + ")", "max-sessions");
        rules.enforce();
    }

    static LimitsSection read(SectionValues s) {
        LimitsSection d = DEFAULT;
        return new LimitsSection(s.integer("max-tunnels", d.maxTunnels()),
                s.integer("max-tunnels-per-peer", d.maxTunnelsPerPeer()), s.integer("max-sessions", d.maxSessions()),
                s.integer("max-sessions-per-tunnel", d.maxSessionsPerTunnel()));
    }
}
