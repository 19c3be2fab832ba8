package io.cohort.server.config;

import io.cohort.server.config.IniDocument.RawValue;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The text of one section's merged raw values, parsed into typed values: only the syntax of each
 * value is checked here, its range and the rules that tie keys together belong to the settings
 * record. A text that does not parse adds a {@link ConfigError} naming the key, its source file
 * and the problem; the parse then returns the caller's stand-in (the key's default) so that the
 * whole section is still read and every error reported together, and the key is
 * {@link #unreadable()}.
 */
final class SectionValues {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,15})?");

    private final String section;
    private final Map<String, RawValue> values;
    private final List<ConfigError> errors;
    private final Set<Setting> unreadable = new HashSet<>();

    SectionValues(String section, Map<String, RawValue> values, List<ConfigError> errors) {
        this.section = section;
        this.values = values;
        this.errors = errors;
    }

    String section() {
        return section;
    }

    /** The keys of this section, in the order of the embedded default. */
    Set<String> keys() {
        return values.keySet();
    }

    /** The stripped text of a key. Every key exists: the embedded default defines them all. */
    String text(String key) {
        RawValue v = raw(key);
        if (v.count() > 1) {
            fail(key, "given " + v.count() + " times; give it once");
        }
        return v.text();
    }

    /** A whole number that fits an {@code int}. */
    int integer(String key, int fallback) {
        long n = longInteger(key, fallback);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            fail(key, n + " is out of range");
            return fallback;
        }
        return (int) n;
    }

    long longInteger(String key, long fallback) {
        String t = text(key);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            fail(key, quote(t) + " is not a whole number");
            return fallback;
        }
    }

    /**
     * A decimal number written with digits and at most one decimal point ({@code 3600},
     * {@code 3600.5}; no sign, exponent, NaN or infinity).
     */
    double decimal(String key, double fallback) {
        String t = text(key);
        if (!DECIMAL.matcher(t).matches()) {
            fail(key, quote(t) + " is not a number (digits with at most one decimal point, e.g. 3600 or 3600.5)");
            return fallback;
        }
        return Double.parseDouble(t);
    }

    /** A path as written (the record decides whether it must be absolute). */
    Path path(String key, Path fallback) {
        String t = text(key);
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            fail(key, quote(t) + " is not a path");
            return fallback;
        }
    }

    boolean bool(String key, boolean fallback) {
        String t = text(key);
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                fail(key, quote(t) + " is not a boolean (true or false)");
                yield fallback;
            }
        };
    }

    Duration duration(String key, Duration fallback) {
        String t = text(key);
        return DurationFormat.parse(t).orElseGet(() -> {
            fail(key, quote(t) + " is not a duration (a whole number and ms, s, m or h, e.g. 30s)");
            return fallback;
        });
    }

    /** One of a set of names; {@code what} says which, e.g. {@code "a log level (error, ...)"}. */
    <T> T named(String key, Function<String, Optional<T>> byName, String what, T fallback) {
        String t = text(key);
        return byName.apply(t).orElseGet(() -> {
            fail(key, quote(t) + " is not " + what);
            return fallback;
        });
    }

    Inet4Address ipv4(String key, Inet4Address fallback) {
        String t = text(key);
        return parseIpv4(key, t).orElse(fallback);
    }

    /** Like {@link #ipv4}, but an empty value is no address (and no error). */
    Optional<Inet4Address> optionalIpv4(String key) {
        String t = text(key);
        return t.isEmpty() ? Optional.empty() : parseIpv4(key, t);
    }

    /** An IPv4 literal or an IPv6 literal (which contains ':' and is never looked up). */
    InetAddress ipAddress(String key, InetAddress fallback) {
        String t = text(key);
        return parseIpAddress(key, t).orElse(fallback);
    }

    /** Like {@link #ipAddress}, but an empty value is no address (and no error). */
    Optional<InetAddress> optionalIpAddress(String key) {
        String t = text(key);
        return t.isEmpty() ? Optional.empty() : parseIpAddress(key, t);
    }

    private Optional<Inet4Address> parseIpv4(String key, String t) {
        Optional<Inet4Address> address = Ipv4Literal.parse(t);
        if (address.isEmpty()) {
            fail(key, quote(t) + " is not an IPv4 address (e.g. 192.0.2.1)");
        }
        return address;
    }

    private Optional<InetAddress> parseIpAddress(String key, String t) {
        Optional<InetAddress> address = AddressLiteral.ip(t);
        if (address.isEmpty()) {
            fail(key, AddressLiteral.looksLikeIpv6(t) ? quote(t) + " is not an IPv6 address"
                    : quote(t) + " is not an IP address literal (host names are not accepted)");
        }
        return address;
    }

    Ipv4Cidr cidr(String key, Ipv4Cidr fallback) {
        String t = text(key);
        return switch (Ipv4Cidr.parse(t)) {
            case Ipv4Cidr.Parsed.Ok ok -> ok.cidr();
            case Ipv4Cidr.Parsed.Invalid invalid -> {
                fail(key, quote(t) + ": " + invalid.problem());
                yield fallback;
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

    /** Reports a problem with a key's text. */
    void fail(String key, String problem) {
        unreadable.add(new Setting(section, key));
        errors.add(new ConfigError(source(key), section, key, problem));
    }

    /** The file a key's value came from. */
    String source(String key) {
        return raw(key).source();
    }

    /** The keys whose text was reported: their values are stand-ins. */
    Set<Setting> unreadable() {
        return Set.copyOf(unreadable);
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
