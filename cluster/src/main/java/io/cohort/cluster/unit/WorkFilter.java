package io.cohort.cluster.unit;

/**
 * The patent's filtering function ("Normal IP packet processing", figure 9 steps 911 and 913,
 * and the sample {@code Cluster_Filtering_Function}): every member computes the same work unit
 * for a packet and keeps it only if it owns that unit.
 *
 * <p>The formula, in two steps as in the patent ("added together (logical XOR) and then shifted
 * to produce a unique work unit number between 0 and 1023"):
 *
 * <ol>
 *   <li>A 32-bit key, addresses taken as big-endian (network order) integers and ports as
 *       their 16-bit values (the patent's C reads raw header words, whose numeric value depends
 *       on the host's byte order; fixing the order makes every member, on any CPU, agree):
 *       <ul>
 *         <li>{@link FlowKey.Ipv4Flow} (cluster traffic, not forwarding): {@code src ^ srcPort}
 *             for TCP and UDP, {@code src ^ dst} for any other protocol. This is the patent's
 *             sample code exactly. The destination address and port are left out for TCP and
 *             UDP because on cluster traffic they are the cluster address and a well-known port:
 *             constants that could only permute the result. The protocol number only
 *             chooses the branch, as in the sample code.
 *         <li>{@link FlowKey.Forwarded}: {@code src ^ dst}, the sample code's forwarding branch,
 *             symmetric so both directions of a routed flow share a unit.
 *         <li>{@link FlowKey.L2tpTunnel} and {@link FlowKey.PptpCall}: the identifier alone
 *             (DESIGN.md, "Hashing on tunnel and session identifiers"; the patent XORs the L2TP
 *             IDs into the key, Cohort uses them instead of the addresses so that a tunnel keeps
 *             its unit whatever address its peer comes from).
 *       </ul>
 *   <li>The fold to 10 bits ({@link #fold}): the XOR of the key's 10-bit slices,
 *       {@code (k ^ k >>> 10 ^ k >>> 20 ^ k >>> 30) & 0x3FF}. The patent leaves
 *       {@code IP_CLUSTER_HASH} undefined; folding rather than truncating keeps every key bit in
 *       the result. The fold is linear over GF(2) and maps the low 10 bits identically, so it is
 *       onto and every unit has exactly 2^22 keys: uniformly distributed keys give uniformly
 *       distributed units, and keys that differ only in the low 10 bits (consecutive addresses,
 *       consecutive ports) never collide.
 * </ol>
 *
 * <p>The identifier fold is what {@link UnitIdSpace} inverts to allocate identifiers that hash
 * back to a chosen unit.
 */
public final class WorkFilter {
    private WorkFilter() {}

    /** The work unit of a packet. */
    public static WorkUnit classify(FlowKey key) {
        return WorkUnit.of(fold(key(key)));
    }

    /** The 32-bit key of step 1, before the fold. */
    static int key(FlowKey key) {
        return switch (key) {
            case FlowKey.Ipv4Flow f -> f.source() ^ (f.hasPorts() ? f.sourcePort() : f.destination());
            case FlowKey.Forwarded f -> f.source() ^ f.destination();
            case FlowKey.L2tpTunnel t -> t.tunnelId();
            case FlowKey.PptpCall c -> c.callId();
        };
    }

    /** Step 2: XOR of the 10-bit slices of {@code key}, a value 0 to 1023. */
    static int fold(int key) {
        return (key ^ key >>> 10 ^ key >>> 20 ^ key >>> 30) & WorkUnit.MASK;
    }
}
