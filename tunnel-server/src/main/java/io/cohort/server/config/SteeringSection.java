package io.cohort.server.config;

import io.cohort.steering.SteeringMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [steering]}: how packets for the cluster IP reach the member that owns their work unit
 * (DESIGN.md, "Steering packets to members"). Only with {@code [cluster] enabled = true}.
 *
 * @param mode          the steering mode; empty ({@code none}) leaves the cluster IP alone: each
 *                      member serves what reaches its own addresses
 * @param address       the cluster IP clients connect to, the same on every member
 * @param interfaceName the LAN interface the cluster IP's clients are reached on
 * @param mac           the cluster MAC, six lower-case hex pairs separated by ':' ({@code unicast}: a unicast address, {@code multicast}: one
 *                      with the group bit set); empty: derived from the cluster IP (02:bf:a.b.c.d
 *                      or 03:bf:a.b.c.d); always empty for {@code forwarding}, which uses the
 *                      master's own MAC
 */
public record SteeringSection(Optional<SteeringMode> mode, Optional<Inet4Address> address, String interfaceName,
                              Optional<String> mac) {
    public SteeringSection {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(address);
        Objects.requireNonNull(interfaceName);
        Objects.requireNonNull(mac);
    }

    public boolean enabled() {
        return mode.isPresent();
    }

    /**
     * Where a protocol listening on {@code configured} binds: with steering, a wildcard becomes
     * the cluster IP, so that replies leave from the address clients sent to (an unconnected UDP
     * socket or a raw GRE socket bound to the wildcard would answer from the member's own
     * address, which clients ignore); anything else is kept.
     */
    public InetAddress bindAddress(InetAddress configured) {
        return enabled() && configured.isAnyLocalAddress() && address.isPresent() ? address.get() : configured;
    }

    /** {@link #bindAddress(InetAddress)} for an IPv4 listener (PPTP). */
    public Inet4Address bindAddress(Inet4Address configured) {
        return (Inet4Address) bindAddress((InetAddress) configured);
    }
}
