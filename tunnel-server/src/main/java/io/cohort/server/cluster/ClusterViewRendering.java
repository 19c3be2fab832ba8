package io.cohort.server.cluster;

import io.cohort.cluster.unit.UnitRange;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.status.TextTable;
import java.util.List;
import java.util.Locale;

/**
 * {@code cohort cluster}: a member's view of its cluster as tables — members, master, keepalive
 * interval and n, the master's measured keepalive loss per member, and the distribution of the
 * work units (how many each member owns, and which, as ranges shortened to fit a line: the JSON
 * has them all).
 */
public final class ClusterViewRendering {
    /** What {@code cohort cluster} answers when the server runs alone. */
    public static final String NOT_CLUSTERED = "this server is not a cluster member ([cluster] enabled = false)\n";
    /** The WHICH column shows this many runs of units, then how many more there are. */
    static final int RUNS_SHOWN = 6;

    private ClusterViewRendering() {
    }

    public static String text(ClusterDocument v) {
        if (!v.clustered()) {
            return NOT_CLUSTERED;
        }
        StringBuilder out = new StringBuilder();
        out.append("member ").append(v.self()).append(" (").append(v.role())
                .append(v.draining(v.self()) ? ", draining" : "").append(')')
                .append(", master ").append(v.master().orElse("none"))
                .append(", configuration version ").append(v.configVersion()).append('\n');
        out.append("keepalive every ").append(v.keepaliveIntervalMicros() / 1000).append(" ms (n = ")
                .append(v.lossTolerance()).append(")\n\n");
        TextTable members = new TextTable("MEMBER", "ADDRESS", "ROLE", "UNITS", "LOSS", "WHICH");
        for (ClusterDocument.Member m : v.members()) {
            members.row(m.name(), m.address(), role(v, m.name()),
                    Integer.toString(m.units()), m.lossPpm().map(ClusterViewRendering::loss)
                            .orElse("-"), which(m.unitRanges()));
        }
        out.append(members.isEmpty() ? "no members: not in a cluster\n" : members.render());
        int owned = v.member(v.self()).map(ClusterDocument.Member::units).orElse(0);
        out.append('\n').append("units assigned: ").append(v.unitsAssigned()).append(" of ").append(WorkUnit.COUNT)
                .append("; this member owns ").append(owned).append('\n');
        for (ClusterDocument.Registration r : v.registered()) {
            out.append("registered: ").append(r.protocol()).append(" (").append(r.units()).append(" units)\n");
        }
        v.replication().ifPresent(r -> replication(out, r));
        return out.toString();
    }

    /** {@code master} or {@code member}, with {@code (draining)} while it is being drained. */
    static String role(ClusterDocument v, String name) {
        String role = v.master().map(name::equals).orElse(false) ? "master" : "member";
        return v.draining(name) ? role + " (draining)" : role;
    }

    private static void replication(StringBuilder out, ClusterDocument.Replication r) {
        out.append('\n').append("replication: publishing ").append(r.ownKeys()).append(" keys; holding ")
                .append(r.replicaKeys()).append(" keys (").append(r.replicaBytes()).append(" B) of other members'")
                .append(r.caughtUp() ? "; every peer caught up" : "").append('\n');
        TextTable peers = new TextTable("PEER", "CONNECTED", "BEHIND", "SENT");
        for (ClusterDocument.ReplicationPeer p : r.peers()) {
            peers.row(p.name(), p.connected() ? "yes" : "no", p.dirtyKeys() + " keys", p.bytesSent() + " B");
        }
        if (!peers.isEmpty()) {
            out.append(peers.render());
        }
    }

    /**
     * A measured keepalive loss, to one decimal: it is the share of about the last 128 keepalives
     * (1/128 smoothing), so one keepalive is about 0.8 % and a second decimal would be noise.
     */
    static String loss(long ppm) {
        return String.format(Locale.ROOT, "%.1f%%", ppm / 1e4);
    }

    /** {@code 0-12,40,42-43}, or the first {@value #RUNS_SHOWN} runs and {@code … (+N runs)}. */
    static String which(List<UnitRange> runs) {
        if (runs.size() <= RUNS_SHOWN) {
            return UnitRange.text(runs);
        }
        return UnitRange.text(runs.subList(0, RUNS_SHOWN)) + ",… (+" + (runs.size() - RUNS_SHOWN) + " runs)";
    }
}
