package io.cohort.steering.kernel;

import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Renders the nft scripts of a member's kernel filter ({@link KernelFilter}): two sets holding
 * the units this member owns, and an input chain that silently drops TCP to the PPTP port and
 * GRE addressed to the cluster IP whose unit is not in them. "Silently": a drop in the input
 * hook happens before TCP or ICMP see the packet, so a non-owner sends no RST and no ICMP
 * unreachable; the owner's kernel answers alone.
 *
 * <p>The units the kernel computes are {@link WorkFilter}'s, bit for bit:
 * <ul>
 *   <li>TCP: {@code jhash ip saddr . tcp sport mod 1024 seed }{@link WorkFilter#KERNEL_SEED}.
 *   <li>Enhanced GRE (RFC 2637 section 4.1): the Call ID at offset 6 of the GRE header, low 10
 *       bits: {@code @th,48,16 & 0x3ff}.
 * </ul>
 *
 * <p><b>Why two sets.</b> The jhash expression yields a 32-bit host-order integer; the GRE
 * expression leaves 16 big-endian bits in a register. nftables 1.0.6 looks both up without
 * converting byte order (see {@code nft --debug=netlink}: {@code payload load 2b ... bitwise ...
 * lookup}), so matching the GRE expression against the 32-bit {@code owned} set compares
 * {@code 00 05 00 00} with {@code 05 00 00 00} and never matches unit 5 (verified with packets by
 * KernelClassificationIT). The second set, {@value #OWNED_BE16}, is typed like the expression
 * ({@code typeof @th,48,16}, 2 big-endian bytes) and holds the same units; both sets change in
 * the same transaction.
 *
 * <p><b>FIN guard</b> (with {@link KernelFilterSpec#finGuardQueue()}). When a member's process
 * dies and its kernel lives on, the kernel closes the process's TCP sockets: it sends a FIN (an
 * RST when unread data was queued) on every PPTP control connection and retransmits the FIN from
 * the orphaned socket; once that is gone, it answers the client's segments with RSTs (the input
 * chain still accepts the dead member's units: nobody emptied its set). Meanwhile another member
 * has taken the connection over through TCP_REPAIR (the patent's figure 7: same 4-tuple, same
 * sequence numbers), so the client would half-close or reset a connection that lives on. An
 * {@code ip} table of the same name sends every TCP segment from the cluster IP's PPTP port that
 * carries FIN or RST to chain {@value #FIN_GUARD}, whose one rule ({@code xt target NFQUEUE},
 * appended by {@link KernelFilter} through
 * {@link io.cohort.dataplane.nfqueue.NfqueueTargetRule}) queues it without bypass. The member's
 * {@link io.cohort.dataplane.nfqueue.NfqueueAcceptor} accepts every queued packet while the
 * process runs, so a live member's FIN and RST pass unchanged; when the process dies, its queue
 * socket is released and the kernel drops what is queued and everything after, in whichever
 * order the process's descriptors are closed. FIN and RST are rare (a connection ends), so the
 * data path never sees the queue. RSTs for segments of units a member does not own never arise:
 * the input chain drops those segments before TCP sees them.
 *
 * <p>The dead process's kernel also answers with ICMP Destination Unreachable (RFC 792) from the
 * cluster IP: Protocol Unreachable for the GRE of the calls it served (no raw socket for
 * protocol 47 any more), which a stock client's GRE socket reads as a fatal error
 * (pptp-linux ends the call: "Protocol not available"), and Port Unreachable for every L2TP
 * datagram of every client (nobody holds port 1701), fatal to a client with a connected socket.
 * The output chain sends these to the same guard chain; a live member, which holds both sockets,
 * sends them for other traffic only, and they pass.
 *
 * <p>Sets are plain hash sets (no {@code flags interval}) so that single elements can be added
 * and deleted. All names are validated by {@link KernelFilterSpec}: nothing from outside reaches
 * the script unchecked.
 */
public final class KernelRules {
    /** Set of owned units as {@code numgen}-typed 32-bit host-order integers (for jhash). */
    public static final String OWNED = "owned";
    /** The same units typed as 16 big-endian bits (for the GRE Call ID expression). */
    public static final String OWNED_BE16 = "owned_be16";
    /** The input chain of the {@code inet} table. */
    public static final String INPUT = "input";
    /** The output chain of the FIN guard's {@code ip} table. */
    public static final String OUTPUT = "output";
    /** The FIN guard's regular chain, holding the queue rule. */
    public static final String FIN_GUARD = "fin_guard";

    /** Before conntrack-dependent filtering at priority 0 (filter), after defragmentation. */
    static final int INPUT_PRIORITY = -10;
    /** Before anything else at ingress. */
    static final int INGRESS_PRIORITY = -500;
    /** The filter priority of the output hook: after mangling, before NAT's source rewriting. */
    static final int OUTPUT_PRIORITY = 0;

    private KernelRules() {}

    /**
     * The expression whose value is a TCP or UDP packet's unit ({@code protocol} is {@code tcp} or
     * {@code udp}); what {@link WorkFilter#classify} computes for a {@code FlowKey.Ipv4Flow}.
     */
    public static String flowUnit(String protocol) {
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("no ports in protocol " + protocol);
        }
        return "jhash ip saddr . " + protocol + " sport mod " + WorkUnit.COUNT
                + " seed 0x" + Integer.toHexString(WorkFilter.KERNEL_SEED);
    }

    /** The expression whose value is an enhanced GRE packet's unit: its Call ID's low 10 bits. */
    public static String greCallIdUnit() {
        return "@th,48,16 & 0x" + Integer.toHexString(WorkUnit.MASK);
    }

    /**
     * Creates the tables with {@code owned} in the sets, replacing tables of the same names left
     * behind by a crashed run: {@code add table} (a no-op if it exists) then {@code delete table}
     * then the definition, all one transaction.
     */
    public static String install(KernelFilterSpec spec, Collection<WorkUnit> owned) {
        StringBuilder script = new StringBuilder();
        String inet = "inet " + spec.table();
        script.append("add table ").append(inet).append('\n');
        script.append("delete table ").append(inet).append('\n');
        script.append("table ").append(inet).append(" {\n");
        script.append("  set ").append(OWNED).append(" {\n");
        script.append("    typeof numgen inc mod ").append(WorkUnit.COUNT).append('\n');
        script.append("    size ").append(WorkUnit.COUNT).append('\n');
        elements(script, owned);
        script.append("  }\n");
        script.append("  set ").append(OWNED_BE16).append(" {\n");
        script.append("    typeof ").append("@th,48,16").append('\n');
        script.append("    size ").append(WorkUnit.COUNT).append('\n');
        elements(script, owned);
        script.append("  }\n");
        script.append("  chain ").append(INPUT).append(" {\n");
        script.append("    type filter hook input priority ").append(INPUT_PRIORITY).append("; policy accept;\n");
        String to = "ip daddr " + spec.clusterAddress().getHostAddress();
        script.append("    ").append(to).append(" tcp dport ").append(spec.pptpPort()).append(' ')
                .append(flowUnit("tcp")).append(" != @").append(OWNED).append(" drop\n");
        script.append("    ").append(to).append(" ip protocol gre ").append(greCallIdUnit())
                .append(" != @").append(OWNED_BE16).append(" drop\n");
        script.append("  }\n");
        script.append("}\n");
        if (spec.finGuardQueue().isPresent()) {
            finGuard(script, spec);
        }
        spec.ingress().ifPresent(ingress -> {
            String netdev = "netdev " + spec.table();
            script.append("add table ").append(netdev).append('\n');
            script.append("delete table ").append(netdev).append('\n');
            script.append("table ").append(netdev).append(" {\n");
            script.append("  chain ingress {\n");
            script.append("    type filter hook ingress device \"").append(ingress.interfaceName())
                    .append("\" priority ").append(INGRESS_PRIORITY).append("; policy accept;\n");
            script.append("    ether daddr ").append(ingress.clusterMac()).append(" meta pkttype set host\n");
            script.append("  }\n");
            script.append("}\n");
        });
        return script.toString();
    }

    /**
     * The FIN guard's {@code ip} table: the output rule and the empty chain {@value #FIN_GUARD}
     * it jumps to (empty, it lets everything pass until the queue rule is appended).
     */
    private static void finGuard(StringBuilder script, KernelFilterSpec spec) {
        String ip = "ip " + spec.table();
        script.append("add table ").append(ip).append('\n');
        script.append("delete table ").append(ip).append('\n');
        script.append("table ").append(ip).append(" {\n");
        script.append("  chain ").append(OUTPUT).append(" {\n");
        script.append("    type filter hook output priority ").append(OUTPUT_PRIORITY).append("; policy accept;\n");
        script.append("    ip saddr ").append(spec.clusterAddress().getHostAddress()).append(" tcp sport ")
                .append(spec.pptpPort()).append(" tcp flags & (fin | rst) != 0 jump ").append(FIN_GUARD).append('\n');
        script.append("    ip saddr ").append(spec.clusterAddress().getHostAddress())
                .append(" icmp type destination-unreachable jump ").append(FIN_GUARD).append('\n');
        script.append("  }\n");
        script.append("  chain ").append(FIN_GUARD).append(" {\n");
        script.append("  }\n");
        script.append("}\n");
    }

    /** Adds {@code units} to both sets; adding a unit already there is not an error. */
    public static String add(KernelFilterSpec spec, Collection<WorkUnit> units) {
        return elementCommand("add", spec, units);
    }

    /** Deletes {@code units} from both sets; the transaction fails if one of them is missing. */
    public static String delete(KernelFilterSpec spec, Collection<WorkUnit> units) {
        return elementCommand("delete", spec, units);
    }

    /** Empties both sets and fills them with {@code owned}, one transaction. */
    public static String replace(KernelFilterSpec spec, Collection<WorkUnit> owned) {
        String inet = "inet " + spec.table();
        String flush = "flush set " + inet + " " + OWNED + "\nflush set " + inet + " " + OWNED_BE16 + "\n";
        return flush + add(spec, owned);
    }

    /** Deletes the tables; idempotent (adds them first, so a missing table is no error). */
    public static String remove(KernelFilterSpec spec) {
        StringBuilder script = new StringBuilder();
        script.append("add table inet ").append(spec.table()).append('\n');
        script.append("delete table inet ").append(spec.table()).append('\n');
        if (spec.finGuardQueue().isPresent()) {
            script.append("add table ip ").append(spec.table()).append('\n');
            script.append("delete table ip ").append(spec.table()).append('\n');
        }
        if (spec.ingress().isPresent()) {
            script.append("add table netdev ").append(spec.table()).append('\n');
            script.append("delete table netdev ").append(spec.table()).append('\n');
        }
        return script.toString();
    }

    private static String elementCommand(String verb, KernelFilterSpec spec, Collection<WorkUnit> units) {
        if (units.isEmpty()) {
            return "";
        }
        String list = list(units);
        String inet = "inet " + spec.table();
        return verb + " element " + inet + " " + OWNED + " { " + list + " }\n"
                + verb + " element " + inet + " " + OWNED_BE16 + " { " + list + " }\n";
    }

    private static void elements(StringBuilder script, Collection<WorkUnit> units) {
        if (!units.isEmpty()) {
            script.append("    elements = { ").append(list(units)).append(" }\n");
        }
    }

    private static String list(Collection<WorkUnit> units) {
        return units.stream().sorted().distinct().map(u -> Integer.toString(u.value())).collect(Collectors.joining(", "));
    }
}
