package io.cohort.steering;

import java.net.Inet4Address;
import java.util.Locale;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * How packets for the cluster IP reach the members (the patent's "Normal IP packet processing",
 * methods 1 to 3; DESIGN.md, "Steering packets to members"). The mode decides the "steering
 * MAC": the hardware address the master gives for the cluster IP in its ARP replies and
 * gratuitous ARP ({@link io.cohort.steering.link.ClusterArp}).
 */
public enum SteeringMode {
    /**
     * Method 1: the cluster IP resolves to the master's own interface MAC; the master classifies
     * every packet and forwards those of other members' units to them.
     */
    FORWARDING,
    /**
     * Method 2: a cluster-wide unicast MAC (default {@code 02:bf:a:b:c:d} for cluster IP
     * a.b.c.d, locally administered). No member owns it, so a switch never learns its port and
     * floods frames to it to every member, whose interfaces are promiscuous.
     */
    UNICAST,
    /**
     * Method 3: a multicast MAC (default {@code 03:bf:a:b:c:d}), for switches that would
     * otherwise deliver a unicast MAC to one port only. Each member subscribes its interface to
     * it.
     */
    MULTICAST;

    /**
     * The default steering MAC of this mode for {@code clusterIp}: the master's {@code
     * interfaceMac} in {@link #FORWARDING}; in the other modes {@code 02:bf} or {@code 03:bf}
     * followed by the four octets of the cluster IP, the scheme Microsoft NLB uses, so that
     * clusters with different addresses on one LAN never share a MAC.
     */
    public MacAddress defaultMac(Inet4Address clusterIp, MacAddress interfaceMac) {
        if (this == FORWARDING) {
            return interfaceMac;
        }
        byte[] ip = clusterIp.getAddress();
        return MacAddress.getByAddress(new byte[] {
                (byte) (this == UNICAST ? 0x02 : 0x03), (byte) 0xBF, ip[0], ip[1], ip[2], ip[3]});
    }

    /**
     * Checks that {@code mac} suits this mode: unicast for {@link #FORWARDING} and {@link
     * #UNICAST}, multicast (I/G bit set, not broadcast) for {@link #MULTICAST}.
     *
     * @throws IllegalArgumentException if it does not
     */
    public MacAddress requireSuitable(MacAddress mac) {
        boolean multicast = !mac.isUnicast();
        if (this == MULTICAST ? !multicast || mac.equals(MacAddress.ETHER_BROADCAST_ADDRESS) : multicast) {
            throw new IllegalArgumentException("steering MAC " + mac + " does not suit mode " + this
                    + (this == MULTICAST ? " (needs a multicast MAC)" : " (needs a unicast MAC)"));
        }
        return mac;
    }

    /** The name in configuration files: {@code forwarding}, {@code unicast}, {@code multicast}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code text} in a configuration file, if any. */
    public static Optional<SteeringMode> byConfigName(String text) {
        for (SteeringMode m : values()) {
            if (m.configName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
