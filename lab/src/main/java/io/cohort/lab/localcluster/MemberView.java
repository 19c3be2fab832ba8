package io.cohort.lab.localcluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one member's {@code cohort cluster --json} says: its role, the master it follows, how many
 * of the 1024 units are assigned, and the members it knows with the units each owns.
 *
 * @param self the member's own name
 * @param role {@code master}, {@code member}, {@code joining}, ...
 * @param master the master's name, if it knows one
 * @param unitsAssigned units with an owner, 0 to 1024
 * @param unitsByMember every member it lists, in its order, with the number of units it owns
 * @param unitRangesByMember the same members with the units they own, as {@code 0-12,40,42-43}
 */
public record MemberView(String self, String role, Optional<String> master, int unitsAssigned,
                         Map<String, Integer> unitsByMember, Map<String, String> unitRangesByMember) {
    private static final Pattern SELF = Pattern.compile("\"self\":\"([^\"]+)\"");
    private static final Pattern ROLE = Pattern.compile("\"role\":\"([a-z_]+)\"");
    private static final Pattern MASTER = Pattern.compile("\"master\":(?:\"([^\"]+)\"|null)");
    private static final Pattern ASSIGNED = Pattern.compile("\"unitsAssigned\":(\\d+)");
    private static final Pattern MEMBER = Pattern.compile(
            "\\{\"name\":\"([^\"]+)\",\"address\":\"[^\"]*\",\"units\":(\\d+),\"unitRanges\":\"([^\"]*)\"");

    public MemberView {
        unitsByMember = Map.copyOf(unitsByMember);
        unitRangesByMember = Map.copyOf(unitRangesByMember);
    }

    /** Parses the JSON of {@code ClusterViewRendering.json}; empty if it is not a member's view. */
    public static Optional<MemberView> parse(String json) {
        Matcher self = SELF.matcher(json);
        Matcher role = ROLE.matcher(json);
        Matcher assigned = ASSIGNED.matcher(json);
        if (!self.find() || !role.find() || !assigned.find()) {
            return Optional.empty();
        }
        Matcher master = MASTER.matcher(json);
        Optional<String> masterName = master.find() ? Optional.ofNullable(master.group(1)) : Optional.empty();
        Map<String, Integer> units = new LinkedHashMap<>();
        Map<String, String> ranges = new LinkedHashMap<>();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            units.put(m.group(1), Integer.parseInt(m.group(2)));
            ranges.put(m.group(1), m.group(3));
        }
        return Optional.of(new MemberView(self.group(1), role.group(1), masterName, Integer.parseInt(assigned.group(1)),
                units, ranges));
    }

    /** The units {@code member} owns by this view (empty if it owns none or is not listed). */
    public Set<Integer> unitsOf(String member) {
        Set<Integer> units = new TreeSet<>();
        String ranges = unitRangesByMember.getOrDefault(member, "-");
        if (ranges.equals("-") || ranges.isEmpty()) {
            return units;
        }
        for (String part : ranges.split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int u = from; u <= to; u++) {
                units.add(u);
            }
        }
        return units;
    }
}
