package io.cohort.lab.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sessions one member serves, from its {@code cohort status --json}.
 *
 * @param sessions every session it lists
 */
public record MemberSessions(List<Session> sessions) {
    private static final Pattern SESSIONS = Pattern.compile("\"sessions\":\\[(.*?)]");
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern PROTOCOL = Pattern.compile("\"protocol\":\"([a-z0-9]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z]+)\"");
    private static final Pattern ADDRESS = Pattern.compile("\"address\":\"([^\"]+)\"");
    private static final Pattern PACKETS_IN = Pattern.compile("\"packetsIn\":(\\d+)");
    private static final Pattern PACKETS_OUT = Pattern.compile("\"packetsOut\":(\\d+)");

    /**
     * One session.
     *
     * @param protocol {@code l2tp} or {@code pptp}
     * @param state {@code up}, {@code establishing}, ...
     * @param address the address it was assigned, empty before IPCP
     * @param packetsIn IP packets received from the user
     * @param packetsOut IP packets sent to the user
     */
    public record Session(String protocol, String state, String address, long packetsIn, long packetsOut) {
    }

    public MemberSessions {
        sessions = List.copyOf(sessions);
    }

    /** Parses the JSON of {@code StatusJson.render}. */
    public static MemberSessions parse(String json) {
        Matcher array = SESSIONS.matcher(json);
        List<Session> out = new ArrayList<>();
        // the tunnels' "sessions" is a number, so the first array of that name is the sessions list
        if (array.find()) {
            Matcher o = OBJECT.matcher(array.group(1));
            while (o.find()) {
                String s = o.group();
                out.add(new Session(text(PROTOCOL, s), text(STATE, s), text(ADDRESS, s), number(PACKETS_IN, s),
                        number(PACKETS_OUT, s)));
            }
        }
        return new MemberSessions(out);
    }

    /** Sessions of {@code protocol} in state {@code up}. */
    public long up(String protocol) {
        return sessions.stream().filter(s -> s.protocol().equals(protocol) && s.state().equals("up")).count();
    }

    /** Sessions of {@code protocol} in any state. */
    public long count(String protocol) {
        return sessions.stream().filter(s -> s.protocol().equals(protocol)).count();
    }

    private static String text(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private static long number(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
