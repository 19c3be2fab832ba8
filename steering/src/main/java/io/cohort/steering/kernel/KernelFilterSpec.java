package io.cohort.steering.kernel;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
 * @param finGuardQueue the netfilter queue that PPTP's FIN and RST from the cluster IP pass
 *     through (see {@link KernelRules}, "FIN guard"), 0..65535; empty for no guard
 */
public record KernelFilterSpec(String table, Inet4Address clusterAddress, int pptpPort, Optional<Ingress> ingress,
                               OptionalInt finGuardQueue) {
    /** The production table name. */
    public static final String DEFAULT_TABLE = "cohort";
    /** The production FIN guard queue: PPTP's port number, free of other users by convention only. */
    public static final int DEFAULT_FIN_GUARD_QUEUE = 1723;

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
        Objects.requireNonNull(finGuardQueue, "finGuardQueue");
        if (finGuardQueue.isPresent() && (finGuardQueue.getAsInt() < 0 || finGuardQueue.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException("queue number " + finGuardQueue.getAsInt() + " is not 0..65535");
        }
    }

    /** A filter without FIN guard. */
    public KernelFilterSpec(String table, Inet4Address clusterAddress, int pptpPort, Optional<Ingress> ingress) {
        this(table, clusterAddress, pptpPort, ingress, OptionalInt.empty());
    }

    /** Table {@value #DEFAULT_TABLE}, PPTP on 1723, no ingress rewrite, no FIN guard. */
    public static KernelFilterSpec of(Inet4Address clusterAddress) {
        return new KernelFilterSpec(DEFAULT_TABLE, clusterAddress, 1723, Optional.empty());
    }

    /** This spec with the shared-MAC rewrite on {@code interfaceName}. */
    public KernelFilterSpec withIngress(String interfaceName, MacAddress clusterMac) {
        return new KernelFilterSpec(table, clusterAddress, pptpPort, Optional.of(new Ingress(interfaceName, clusterMac)),
                finGuardQueue);
    }

    /** This spec under another table name. */
    public KernelFilterSpec withTable(String name) {
        return new KernelFilterSpec(name, clusterAddress, pptpPort, ingress, finGuardQueue);
    }

    /** This spec with PPTP's FIN and RST passing through netfilter queue {@code queue}. */
    public KernelFilterSpec withFinGuard(int queue) {
        return new KernelFilterSpec(table, clusterAddress, pptpPort, ingress, OptionalInt.of(queue));
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
