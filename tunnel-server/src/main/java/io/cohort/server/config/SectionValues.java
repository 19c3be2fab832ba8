package io.cohort.server.config;

import io.cohort.server.config.IniDocument.RawValue;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of one section's merged raw values. A value that does not parse or is out of range
 * adds a {@link ConfigError} naming the key, its source file and the problem, and the read returns
 * a harmless fallback: the caller finishes reading every key (so all errors are reported
 * together) and throws if any error was found.
 */
final class SectionValues {
    private final String section;
    private final Map<String, RawValue> values;
    private final List<ConfigError> errors;
    private final Set<String> failedKeys = new HashSet<>();

    SectionValues(String section, Map<String, RawValue> values, List<ConfigError> errors) {
        this.section = section;
        this.values = values;
        this.errors = errors;
    }

    /** The stripped text of a key. Every key exists: the embedded default defines them all. */
    String text(String key) {
        RawValue v = raw(key);
        if (v.count() > 1) {
            fail(key, "given " + v.count() + " times; give it once");
        }
        return v.text();
    }

    int integer(String key, int min, int max) {
        String t = text(key);
        try {
            int n = Integer.parseInt(t);
            if (n < min || n > max) {
                fail(key, quote(t) + " is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            fail(key, quote(t) + " is not a whole number (" + min + ".." + max + ")");
            return min;
        }
    }

    boolean bool(String key) {
        String t = text(key);
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                fail(key, quote(t) + " is not a boolean (true or false)");
                yield false;
            }
        };
    }

    Duration duration(String key, Duration min, Duration max) {
        String t = text(key);
        Optional<Duration> d = DurationFormat.parse(t);
        if (d.isEmpty()) {
            fail(key, quote(t) + " is not a duration (a whole number and ms, s, m or h, e.g. 30s)");
            return min;
        }
        if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            fail(key, quote(t) + " is out of range " + DurationFormat.format(min) + ".." + DurationFormat.format(max));
        }
        return d.get();
    }

    Inet4Address ipv4(String key) {
        String t = text(key);
        return Ipv4Literal.parse(t).orElseGet(() -> {
            fail(key, quote(t) + " is not an IPv4 address (e.g. 192.0.2.1)");
            return Ipv4Literal.fromInt(0);
        });
    }

    /** An IPv4 literal or an IPv6 literal (which contains ':' and is never looked up). */
    InetAddress ipAddress(String key) {
        String t = text(key);
        if (t.contains(":") && t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            try {
                return InetAddress.getByName(t);
            } catch (UnknownHostException e) {
                fail(key, quote(t) + " is not an IPv6 address");
                return Ipv4Literal.fromInt(0);
            }
        }
        return Ipv4Literal.parse(t).map(a -> (InetAddress) a).orElseGet(() -> {
            fail(key, quote(t) + " is not an IP address literal (host names are not accepted)");
            return Ipv4Literal.fromInt(0);
        });
    }

    Optional<Ipv4Cidr> cidr(String key) {
        String t = text(key);
        return switch (Ipv4Cidr.parse(t)) {
            case Ipv4Cidr.Parsed.Ok ok -> Optional.of(ok.cidr());
            case Ipv4Cidr.Parsed.Invalid invalid -> {
                fail(key, quote(t) + ": " + invalid.problem());
                yield Optional.empty();
            }
        };
    }

    /**
     * A comma-separated list; each element goes through {@code parse}, and an element it rejects
     * is reported as not being {@code what}. Duplicates are reported.
     */
    <T> List<T> list(String key, Function<String, Optional<T>> parse, String what) {
        String t = text(key);
        List<T> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        for (String element : t.split(",", -1)) {
            String e = element.strip();
            Optional<T> parsed = parse.apply(e);
            if (parsed.isEmpty()) {
                fail(key, quote(e) + " is not " + what);
            } else if (out.contains(parsed.get())) {
                fail(key, quote(e) + " is listed twice");
            } else {
                out.add(parsed.get());
            }
        }
        return out;
    }

    /** Reports a problem with a key that a cross-check found. */
    void fail(String key, String problem) {
        failedKeys.add(key);
        errors.add(new ConfigError(raw(key).source(), section, key, problem));
    }

    /** True if reading {@code key} found no problem: cross-checks only look at valid values. */
    boolean valid(String key) {
        return !failedKeys.contains(key);
    }

    private RawValue raw(String key) {
        RawValue v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("the embedded default has no key " + section + "." + key);
        }
        return v;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
