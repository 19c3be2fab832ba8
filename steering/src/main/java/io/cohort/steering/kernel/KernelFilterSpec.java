package io.cohort.steering.kernel;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pcap4j.util.MacAddress;

/**
 * What a member's kernel filter guards: TCP to {@code pptpPort} and GRE addressed to
 * {@code clusterAddress}, in nftables tables named {@code table}; and, in the steering modes
 * where every member receives frames for a shared cluster MAC (unicast or multicast MAC,
 * DESIGN.md), the {@link Ingress} that makes those frames count as the host's own.
 *
 * @param table name of the nftables tables ({@code inet} and, with an ingress, {@code netdev});
 *     {@value #DEFAULT_TABLE} in production, another name lets tests and several members share a
 *     namespace. Lower-case letters, digits and {@code _}, starting with a letter.
 * @param clusterAddress the cluster IP every member answers on
 * @param pptpPort PPTP's TCP port (1723, RFC 2637 section 2.1)
 * @param ingress the shared-MAC rewrite, empty in forwarding mode
 */
public record KernelFilterSpec(String table, Inet4Address clusterAddress, int pptpPort, Optional<Ingress> ingress) {
    /** The production table name. */
    public static final String DEFAULT_TABLE = "cohort";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public KernelFilterSpec {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("nftables table name '" + table + "' is not " + NAME.pattern());
        }
        Objects.requireNonNull(clusterAddress, "clusterAddress");
        if (pptpPort < 1 || pptpPort > 0xFFFF) {
            throw new IllegalArgumentException("PPTP port " + pptpPort + " is not 1..65535");
        }
        Objects.requireNonNull(ingress, "ingress");
    }

    /** The production filter: table {@value #DEFAULT_TABLE}, PPTP on 1723, no ingress rewrite. */
    public static KernelFilterSpec of(Inet4Address clusterAddress) {
        return new KernelFilterSpec(DEFAULT_TABLE, clusterAddress, 1723, Optional.empty());
    }

    /** This spec with the shared-MAC rewrite on {@code interfaceName}. */
    public KernelFilterSpec withIngress(String interfaceName, MacAddress clusterMac) {
        return new KernelFilterSpec(table, clusterAddress, pptpPort, Optional.of(new Ingress(interfaceName, clusterMac)));
    }

    /** This spec under another table name. */
    public KernelFilterSpec withTable(String name) {
        return new KernelFilterSpec(name, clusterAddress, pptpPort, ingress);
    }

    /**
     * Frames to {@code clusterMac} arriving on {@code interfaceName} are marked as addressed to
     * this host. In the unicast-MAC and multicast-MAC modes the switch (or bridge) floods them to
     * every member, and the kernel gives such frames {@code PACKET_OTHERHOST} or
     * {@code PACKET_MULTICAST}: IP drops the first before routing, and TCP drops anything that is
     * not {@code PACKET_HOST} (tcp_v4_rcv). Setting {@code meta pkttype host} at ingress,
     * before IP sees the frame, makes the member accept them; the input filter then keeps only
     * the owner's.
     *
     * @param interfaceName the interface the cluster network reaches this member on (1 to 15
     *     characters of letters, digits, {@code .}, {@code _}, {@code -})
     * @param clusterMac the cluster-wide unicast or multicast MAC
     */
    public record Ingress(String interfaceName, MacAddress clusterMac) {
        private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

        public Ingress {
            if (!INTERFACE.matcher(interfaceName).matches()) {
                throw new IllegalArgumentException("interface name '" + interfaceName + "' is not " + INTERFACE.pattern());
            }
            Objects.requireNonNull(clusterMac, "clusterMac");
        }
    }
}
