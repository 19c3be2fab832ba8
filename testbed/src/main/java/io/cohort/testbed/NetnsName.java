package io.cohort.testbed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a namespace the testbed created: {@code ct<pid>-<seq><label>}, e.g.
 * {@code ct4711-3srv}. The creating PID is part of the name so that
 * {@link TestNetwork#sweepStale()} can tell leftovers of dead test JVMs from namespaces of
 * tests still running in other JVMs.
 */
public record NetnsName(long creatorPid, int sequence, String label) {
    public static final String PREFIX = "ct";
    private static final Pattern FORMAT = Pattern.compile("ct(\\d+)-(\\d+)([a-z0-9]*)");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]{0,8}");

    public NetnsName {
        if (creatorPid <= 0 || sequence < 0) {
            throw new IllegalArgumentException("bad pid " + creatorPid + " or sequence " + sequence);
        }
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("namespace label must be 0-8 of [a-z0-9]: '" + label + "'");
        }
    }

    /** The name as given to {@code ip netns add}. */
    public String text() {
        return PREFIX + creatorPid + "-" + sequence + label;
    }

    /** The testbed name {@code text} encodes, or empty if it is not one of ours. */
    public static Optional<NetnsName> parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NetnsName(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the JVM (or other process) that created this namespace is still alive. */
    public boolean creatorAlive() {
        return ProcessHandle.of(creatorPid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String toString() {
        return text();
    }
}
