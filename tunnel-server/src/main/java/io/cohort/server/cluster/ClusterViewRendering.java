package io.cohort.server.cluster;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.status.JsonWriter;
import io.cohort.server.status.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code cohort cluster}: a member's view of its cluster as tables or JSON — members, master,
 * keepalive interval and n, the master's loss estimate per member, and the distribution of the
 * 1024 work units (how many each member owns, and which, as ranges).
 */
public final class ClusterViewRendering {
    /** What {@code cohort cluster} answers when the server runs alone. */
    public static final String NOT_CLUSTERED = "this server is not a cluster member ([cluster] enabled = false)\n";

    private ClusterViewRendering() {
    }

    public static String text(ClusterView v, List<UnitOwnership> registrations) {
        StringBuilder out = new StringBuilder();
        out.append("member ").append(v.self()).append(" (").append(v.role().name().toLowerCase(Locale.ROOT)).append(')')
                .append(", master ").append(v.master().map(MemberId::name).orElse("none"))
                .append(", configuration version ").append(v.configVersion()).append('\n');
        out.append("keepalive every ").append(v.keepaliveInterval().toMillis()).append(" ms (n = ")
                .append(v.lossTolerance()).append(")\n\n");
        Map<MemberId, SortedSet<WorkUnit>> units = byOwner(v);
        TextTable members = new TextTable("MEMBER", "ADDRESS", "ROLE", "UNITS", "LOSS", "WHICH");
        for (MemberEntry m : v.members()) {
            SortedSet<WorkUnit> owned = units.getOrDefault(m.id(), new TreeSet<>());
            members.row(m.id().name(), m.address().toString(), v.master().map(m.id()::equals).orElse(false) ? "master" : "member",
                    Integer.toString(owned.size()), loss(v, m.id()).map(p -> String.format(Locale.ROOT, "%.2f%%", 100 * p))
                            .orElse("-"), ranges(owned));
        }
        out.append(members.isEmpty() ? "no members: not in a cluster\n" : members.render());
        out.append('\n').append("units assigned: ").append(v.assignments().size()).append(" of ").append(WorkUnit.COUNT)
                .append("; this member owns ").append(v.owned().size()).append('\n');
        for (UnitOwnership r : registrations) {
            out.append("registered: ").append(r.protocol()).append(" (").append(r.owned().size()).append(" units)\n");
        }
        return out.toString();
    }

    public static String json(ClusterView v, List<UnitOwnership> registrations) {
        Map<MemberId, SortedSet<WorkUnit>> units = byOwner(v);
        JsonWriter w = new JsonWriter().beginObject()
                .name("self").value(v.self().name())
                .name("role").value(v.role().name().toLowerCase(Locale.ROOT))
                .name("master");
        if (v.master().isPresent()) {
            w.value(v.master().get().name());
        } else {
            w.nullValue();
        }
        w.name("configVersion").value(v.configVersion())
                .name("lossTolerance").value(v.lossTolerance())
                .name("keepaliveIntervalMicros").value(v.keepaliveInterval().toNanos() / 1000)
                .name("unitsAssigned").value(v.assignments().size())
                .name("members").beginArray();
        for (MemberEntry m : v.members()) {
            SortedSet<WorkUnit> owned = units.getOrDefault(m.id(), new TreeSet<>());
            w.beginObject().name("name").value(m.id().name()).name("address").value(m.address().toString())
                    .name("units").value(owned.size()).name("unitRanges").value(ranges(owned)).name("lossPpm");
            Optional<Double> p = loss(v, m.id());
            if (p.isPresent()) {
                w.value(Math.round(p.get() * 1e6));
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endArray().name("registered").beginArray();
        for (UnitOwnership r : registrations) {
            w.beginObject().name("protocol").value(r.protocol()).name("units").value(r.owned().size()).endObject();
        }
        return w.endArray().endObject().toString() + "\n";
    }

    private static Optional<Double> loss(ClusterView v, MemberId member) {
        return Optional.ofNullable(v.lossEstimates().get(member));
    }

    private static Map<MemberId, SortedSet<WorkUnit>> byOwner(ClusterView v) {
        Map<MemberId, SortedSet<WorkUnit>> out = new TreeMap<>();
        v.assignments().forEach((unit, owner) -> out.computeIfAbsent(owner, o -> new TreeSet<>()).add(unit));
        return out;
    }

    /** {@code 0-12,40,42-43}; "-" for none. */
    static String ranges(SortedSet<WorkUnit> units) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        int previous = -2;
        for (WorkUnit u : units) {
            if (u.value() != previous + 1) {
                if (start >= 0) {
                    parts.add(start == previous ? Integer.toString(start) : start + "-" + previous);
                }
                start = u.value();
            }
            previous = u.value();
        }
        if (start >= 0) {
            parts.add(start == previous ? Integer.toString(start) : start + "-" + previous);
        }
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }
}
