package io.cohort.server.status;

import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.TunnelStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cohort status} for people: a summary line, then aligned tables of tunnels, sessions,
 * users, addresses and counters. Text that came from peers (user names) is shown with control
 * characters replaced, so it cannot play tricks on the operator's terminal.
 */
public final class StatusText {
    private StatusText() {
    }

    public static String render(StatusSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("cohort ").append(s.version()).append(" on ").append(clean(s.hostname()))
                .append(", up ").append(uptime(Duration.between(s.startedAt(), s.now())))
                .append(" (since ").append(time(s.startedAt())).append(")\n");
        section(out, "Tunnels", s.tunnels().size(), tunnels(s));
        section(out, "Sessions", s.sessions().size(), sessions(s));
        section(out, "Users", s.users().size(), users(s));
        PoolStatus p = s.pool();
        out.append("\nAddresses: ").append(p.used()).append(" of ").append(p.size()).append(" in use (pool ")
                .append(p.cidr()).append(", gateway ").append(p.gateway().getHostAddress()).append(")\n");
        TextTable addresses = new TextTable("ADDRESS", "USER");
        for (Ipv4Pool.Allocation a : p.allocations()) {
            addresses.row(a.address().getHostAddress(), clean(a.user()));
        }
        out.append(addresses.isEmpty() ? "(none)\n" : addresses.render());
        section(out, "Counters", s.counters().size(), counters(s.counters()));
        return out.toString();
    }

    private static void section(StringBuilder out, String title, int count, TextTable table) {
        out.append('\n').append(title).append(": ").append(count).append('\n');
        out.append(table.isEmpty() ? "(none)\n" : table.render());
    }

    private static TextTable tunnels(StatusSnapshot s) {
        TextTable t = new TextTable("PROTO", "#ID", "#PEER-ID", "PEER", "STATE", "#SESSIONS", "UP-SINCE",
                "#BYTES-IN", "#PKTS-IN", "#BYTES-OUT", "#PKTS-OUT");
        for (TunnelStatus r : s.tunnels()) {
            t.row(r.key().protocol().name().toLowerCase(Locale.ROOT), Integer.toString(r.key().localId()),
                    Integer.toString(r.peerId()), r.peer().getAddress().getHostAddress() + ":" + r.peer().getPort(),
                    r.state().name().toLowerCase(Locale.ROOT), Integer.toString(r.sessions()),
                    time(r.upSince()), Long.toString(r.traffic().bytesIn()), Long.toString(r.traffic().packetsIn()),
                    Long.toString(r.traffic().bytesOut()), Long.toString(r.traffic().packetsOut()));
        }
        return t;
    }

    private static TextTable sessions(StatusSnapshot s) {
        TextTable t = new TextTable("PROTO", "#TUNNEL", "#ID", "#PEER-ID", "USER", "ADDRESS", "STATE", "UP-SINCE",
                "#BYTES-IN", "#PKTS-IN", "#BYTES-OUT", "#PKTS-OUT");
        for (SessionStatus r : s.sessions()) {
            t.row(r.key().tunnel().protocol().name().toLowerCase(Locale.ROOT),
                    Integer.toString(r.key().tunnel().localId()), Integer.toString(r.key().localId()),
                    Integer.toString(r.peerId()), r.user().map(StatusText::clean).orElse("-"),
                    r.address().map(a -> a.getHostAddress()).orElse("-"),
                    r.state().name().toLowerCase(Locale.ROOT), time(r.upSince()),
                    Long.toString(r.traffic().bytesIn()), Long.toString(r.traffic().packetsIn()),
                    Long.toString(r.traffic().bytesOut()), Long.toString(r.traffic().packetsOut()));
        }
        return t;
    }

    private static TextTable users(StatusSnapshot s) {
        TextTable t = new TextTable("USER", "#SESSIONS", "ADDRESSES");
        for (StatusSnapshot.UserStatus u : s.users()) {
            t.row(clean(u.user()), Integer.toString(u.sessions()), u.addresses().isEmpty() ? "-" : String.join(" ", u.addresses()));
        }
        return t;
    }

    private static TextTable counters(Map<String, Long> counters) {
        TextTable t = new TextTable("NAME", "#VALUE");
        counters.forEach((name, value) -> t.row(clean(name), Long.toString(value)));
        return t;
    }

    /** {@code 3d 4h 5m 6s}, leaving out leading zero units. */
    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m " + seconds + "s";
        } else if (hours > 0) {
            return hours + "h " + minutes + "m " + seconds + "s";
        } else if (minutes > 0) {
            return minutes + "m " + seconds + "s";
        }
        return seconds + "s";
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Control characters (C0, DEL, C1) become '?'. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
