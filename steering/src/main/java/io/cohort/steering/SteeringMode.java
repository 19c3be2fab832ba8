package io.cohort.steering;

import io.cohort.steering.kernel.KernelFilterSpec;
import io.cohort.steering.link.InterfacePreparation;
import io.cohort.steering.link.InterfacePreparationException;
import java.net.Inet4Address;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pcap4j.util.MacAddress;

/**
 * How packets for the cluster IP reach the members (the patent's "Normal IP packet processing",
 * methods 1 to 3; DESIGN.md, "Steering packets to members"). A mode owns everything that differs
 * between the methods: the steering MAC (the hardware address the master gives for the cluster IP
 * in its ARP replies and gratuitous ARP, {@link io.cohort.steering.link.ClusterArp}) and which
 * configured MACs suit it, what it changes on the LAN interface, whether the kernel filter marks
 * frames to the steering MAC as the host's own, and what the master does with each packet its
 * capture classified. Everything else (the capture, ARP, the kernel filter's unit sets) is the
 * same in every mode. A further method is one more implementation, listed in {@link #ALL}.
 *
 * <p>{@value #NONE_NAME} in a configuration file is no mode: no cluster IP, every member serves
 * what reaches its own addresses.
 */
public sealed interface SteeringMode permits ForwardingMode, SharedMacMode {
    /** Method 1: the master's own MAC; the master forwards. */
    SteeringMode FORWARDING = new ForwardingMode();
    /** Method 2: a cluster-wide unicast MAC, flooded to promiscuous members. */
    SteeringMode UNICAST = new UnicastMacMode();
    /** Method 3: a multicast MAC every member subscribes to. */
    SteeringMode MULTICAST = new MulticastMacMode();
    /** Every mode, in the order configuration errors list them. */
    List<SteeringMode> ALL = List.of(FORWARDING, UNICAST, MULTICAST);
    /** The configuration value for no steering. */
    String NONE_NAME = "none";

    /** The name in configuration files: {@code forwarding}, {@code unicast}, {@code multicast}. */
    String configName();

    /**
     * The steering MAC of this mode for {@code clusterIp} when none is configured, given the
     * master's LAN interface MAC.
     */
    MacAddress defaultMac(Inet4Address clusterIp, MacAddress interfaceMac);

    /**
     * What is wrong with {@code configured} as this mode's steering MAC, in the words of a
     * configuration error about {@code [steering] mac}; empty if it suits.
     */
    Optional<String> macProblem(MacAddress configured);

    /**
     * Prepares this member's interfaces for this mode (the cluster IP on {@code lo}, ARP
     * sysctls, and the mode's own step on {@code device}), in the calling thread's network
     * namespace; changes nothing if {@code steeringMac} does not suit the mode.
     *
     * @param steeringMac the resolved steering MAC ({@link #steeringMac})
     * @throws IllegalArgumentException if {@code steeringMac} does not suit this mode
     */
    InterfacePreparation prepareInterfaces(String device, Inet4Address clusterIp, MacAddress steeringMac)
            throws InterfacePreparationException;

    /** The kernel filter of a member in this mode: {@code base}, with what the mode adds on {@code device}. */
    KernelFilterSpec kernelFilter(KernelFilterSpec base, String device, MacAddress steeringMac);

    /** What the master does with a captured packet whose unit has no acknowledged owner (figure 9). */
    CaptureDecision captureOfUnowned();

    /** What the master does with a captured packet of a unit that {@code owner} owns (figure 9). */
    CaptureDecision captureOf(UnitOwner owner);

    /**
     * The steering MAC in use: {@code configured} if given (it must suit the mode), else the
     * mode's default.
     *
     * @throws IllegalArgumentException if {@code configured} does not suit this mode
     */
    default MacAddress steeringMac(Inet4Address clusterIp, Optional<MacAddress> configured, MacAddress interfaceMac) {
        if (configured.isEmpty()) {
            return defaultMac(clusterIp, interfaceMac);
        }
        macProblem(configured.get()).ifPresent(problem -> {
            throw new IllegalArgumentException("steering MAC " + configured.get() + ": " + problem);
        });
        return configured.get();
    }

    /** The mode named {@code text} (any case, surrounding blanks ignored), if any. */
    static Optional<SteeringMode> byConfigName(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(m -> m.configName().equals(wanted)).findFirst();
    }

    /**
     * The value of {@code [steering] mode}: empty for {@value #NONE_NAME}.
     *
     * @throws IllegalArgumentException naming the known values if {@code text} is none of them
     */
    static Optional<SteeringMode> parse(String text) {
        if (text.strip().equalsIgnoreCase(NONE_NAME)) {
            return Optional.empty();
        }
        return Optional.of(byConfigName(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown steering mode '" + text.strip() + "' (" + NONE_NAME + ", "
                        + ALL.stream().map(SteeringMode::configName).collect(Collectors.joining(", ")) + ")")));
    }
}
