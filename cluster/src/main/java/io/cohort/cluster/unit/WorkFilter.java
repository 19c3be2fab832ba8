package io.cohort.cluster.unit;

/**
 * The patent's filtering function ("Normal IP packet processing", figure 9 steps 911 and 913,
 * and the sample {@code Cluster_Filtering_Function}): every member computes the same work unit
 * for a packet and keeps it only if it owns that unit.
 *
 * <p>Where a member's kernel also classifies packets (the nftables filter of module
 * {@code steering}, which keeps non-owners' kernels from answering TCP 1723 and GRE), this class
 * computes exactly what the kernel computes, bit for bit, so that the userspace and the kernel
 * filter never disagree about a packet:
 *
 * <ul>
 *   <li>{@link FlowKey.Ipv4Flow} with ports (TCP, UDP): what nftables computes for
 *       {@code jhash ip saddr . tcp sport mod 1024 seed KERNEL_SEED} (or {@code udp sport}),
 *       ported in {@link KernelJhash}. The destination address and port are left out, as in the
 *       patent's sample code: on cluster traffic they are the cluster address and a well-known
 *       port, constants that could only permute the result.
 *   <li>{@link FlowKey.L2tpTunnel} and {@link FlowKey.PptpCall}: the identifier's low 10 bits,
 *       {@code id & 0x3FF} (DESIGN.md, "Hashing on tunnel and session identifiers"), which the
 *       kernel matches directly in an enhanced GRE header ({@code @th,48,16 & 0x3ff}, the Call ID
 *       at offset 6 of RFC 2637 section 4.1). Cohort uses the identifier instead of the addresses
 *       so that a tunnel keeps its unit whatever address its peer comes from; {@link UnitIdSpace}
 *       allocates identifiers of a chosen unit.
 *   <li>{@link FlowKey.Ipv4Flow} without ports, and {@link FlowKey.Forwarded}: no kernel ever
 *       classifies these, so they keep the patent's XOR ({@code src ^ dst}, symmetric so both
 *       directions of a routed flow share a unit) folded to 10 bits by {@link #fold}.
 * </ul>
 */
public final class WorkFilter {
    /**
     * The seed of the kernel's {@code jhash} for TCP and UDP flows ("Cohr" in ASCII). Arbitrary,
     * but part of the cluster's wire contract: every member's kernel rules and every member's
     * userspace filter must use the same value, and changing it moves nearly every flow to another
     * unit. nft needs it explicitly: without {@code seed} it picks a random one per rule.
     */
    public static final int KERNEL_SEED = 0x436F6872;

    private WorkFilter() {}

    /** The work unit of a packet. */
    public static WorkUnit classify(FlowKey key) {
        return WorkUnit.of(unitOf(key));
    }

    /** {@link #classify} as a bare unit number, for per-packet paths that index arrays. */
    public static int unitOf(FlowKey key) {
        return switch (key) {
            case FlowKey.Ipv4Flow f when f.hasPorts() -> KernelJhash.scale(
                    KernelJhash.addressAndPort(f.source(), f.sourcePort(), KERNEL_SEED), WorkUnit.COUNT);
            case FlowKey.Ipv4Flow f -> fold(f.source() ^ f.destination());
            case FlowKey.Forwarded f -> fold(f.source() ^ f.destination());
            case FlowKey.L2tpTunnel t -> t.tunnelId() & WorkUnit.MASK;
            case FlowKey.PptpCall c -> c.callId() & WorkUnit.MASK;
        };
    }

    /**
     * XOR of the 10-bit slices of {@code key}, a value 0 to 1023: linear over GF(2) and onto, so
     * uniformly distributed keys give uniformly distributed units. Used only where no kernel
     * classifies (see the class comment).
     */
    static int fold(int key) {
        return (key ^ key >>> 10 ^ key >>> 20 ^ key >>> 30) & WorkUnit.MASK;
    }
}
