package io.cohort.server.status;

import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.Traffic;
import io.cohort.server.registry.TunnelStatus;
import java.util.Locale;

/**
 * {@code cohort status --json} for scripts: one JSON object with {@code server}, {@code tunnels},
 * {@code sessions}, {@code users}, {@code pool} and {@code counters}. Times are ISO-8601 UTC,
 * enums lower case, absent values null.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String render(StatusSnapshot s) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("server").beginObject()
                .name("hostname").value(s.hostname())
                .name("version").value(s.version())
                .name("startedAt").value(s.startedAt().toString())
                .name("now").value(s.now().toString())
                .endObject();
        w.name("tunnels").beginArray();
        for (TunnelStatus t : s.tunnels()) {
            w.beginObject()
                    .name("protocol").value(lower(t.key().protocol()))
                    .name("id").value(t.key().localId())
                    .name("peerId").value(t.peerId())
                    .name("peerAddress").value(t.peer().getAddress().getHostAddress())
                    .name("peerPort").value(t.peer().getPort())
                    .name("state").value(lower(t.state()))
                    .name("sessions").value(t.sessions())
                    .name("upSince").value(t.upSince().toString());
            traffic(w, t.traffic());
            w.endObject();
        }
        w.endArray();
        w.name("sessions").beginArray();
        for (SessionStatus r : s.sessions()) {
            w.beginObject()
                    .name("protocol").value(lower(r.key().tunnel().protocol()))
                    .name("tunnelId").value(r.key().tunnel().localId())
                    .name("id").value(r.key().localId())
                    .name("peerId").value(r.peerId())
                    .name("user").value(r.user().orElse(null))
                    .name("address").value(r.address().map(a -> a.getHostAddress()).orElse(null))
                    .name("state").value(lower(r.state()))
                    .name("upSince").value(r.upSince().toString());
            traffic(w, r.traffic());
            w.endObject();
        }
        w.endArray();
        w.name("users").beginArray();
        for (StatusSnapshot.UserStatus u : s.users()) {
            w.beginObject().name("user").value(u.user()).name("sessions").value(u.sessions()).name("addresses").beginArray();
            u.addresses().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray();
        PoolStatus p = s.pool();
        w.name("pool").beginObject()
                .name("cidr").value(p.cidr().toString())
                .name("gateway").value(p.gateway().getHostAddress())
                .name("size").value(p.size())
                .name("used").value(p.used())
                .name("allocations").beginArray();
        for (Ipv4Pool.Allocation a : p.allocations()) {
            w.beginObject().name("address").value(a.address().getHostAddress()).name("user").value(a.user()).endObject();
        }
        w.endArray().endObject();
        w.name("counters").beginObject();
        s.counters().forEach((name, value) -> w.name(name).value(value));
        w.endObject();
        return w.endObject().toString() + "\n";
    }

    private static void traffic(JsonWriter w, Traffic t) {
        w.name("bytesIn").value(t.bytesIn())
                .name("packetsIn").value(t.packetsIn())
                .name("bytesOut").value(t.bytesOut())
                .name("packetsOut").value(t.packetsOut());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
