package io.cohort.server.config;

import io.cohort.steering.SteeringMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pcap4j.util.MacAddress;

/**
 * {@code [steering]}: how packets for the cluster IP reach the member that owns their work unit
 * (DESIGN.md, "Steering packets to members"). Only with {@code [cluster] enabled = true} (a rule
 * of {@link CohortConfig}). Values given are checked whatever the mode; with a mode the cluster IP
 * and interface are required, and a MAC must suit the mode.
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
    private static final Pattern MAC_ADDRESS = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    public static final SteeringSection DEFAULT =
            new SteeringSection(Optional.empty(), Optional.empty(), "", Optional.empty());

    public SteeringSection {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(address);
        Objects.requireNonNull(interfaceName);
        Objects.requireNonNull(mac);
        SettingRules rules = new SettingRules("steering");
        address.ifPresent(a -> rules.check(!a.isAnyLocalAddress() && !a.isMulticastAddress() && !a.isLoopbackAddress(),
                "address", a.getHostAddress() + " cannot be the cluster IP (a wildcard, multicast or loopback address)"));
        rules.require(address.isPresent() || mode.isEmpty(), "address",
                "is required with a steering mode (the cluster IP clients connect to)", "mode");
        if (!interfaceName.isEmpty()) {
            rules.interfaceName("interface", interfaceName);
        }
        rules.require(!interfaceName.isEmpty() || mode.isEmpty(), "interface",
                "is required with a steering mode (the LAN interface the cluster IP's clients are reached on)", "mode");
        mac.ifPresent(m -> mac(rules, mode, m));
        rules.enforce();
    }

    private static void mac(SettingRules rules, Optional<SteeringMode> mode, String mac) {
        rules.check(MAC_ADDRESS.matcher(mac).matches(), "mac", "'" + mac + "' is not a MAC address (six lower-case "
                + "hex pairs separated by ':', e.g. 02:bf:0a:4d:00:64)");
        if (!rules.valid("mac")) {
            return;
        }
        // Which MACs suit a mode is the mode's own rule (SteeringMode.macProblem).
        Optional<String> unsuitable = mode.flatMap(m -> m.macProblem(MacAddress.getByName(mac)));
        unsuitable.ifPresent(problem -> rules.compare(false, "mac", problem, "mode"));
        rules.check(unsuitable.isPresent() || !MacAddress.getByName(mac).equals(MacAddress.ETHER_BROADCAST_ADDRESS),
                "mac", "the broadcast MAC cannot be the cluster MAC");
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

    /** {@code none} is no mode; a MAC is read in lower case. */
    static SteeringSection read(SectionValues s) {
        String modeText = s.text("mode");
        Optional<SteeringMode> mode = Optional.empty();
        if (!modeText.equalsIgnoreCase("none")) {
            mode = SteeringMode.byConfigName(modeText);
            if (mode.isEmpty()) {
                s.fail("mode", "'" + modeText + "' is not a steering mode (none, forwarding, unicast, multicast)");
            }
        }
        String mac = s.text("mac").toLowerCase(Locale.ROOT);
        return new SteeringSection(mode, s.optionalIpv4("address"), s.text("interface"),
                mac.isEmpty() ? Optional.empty() : Optional.of(mac));
    }
}
