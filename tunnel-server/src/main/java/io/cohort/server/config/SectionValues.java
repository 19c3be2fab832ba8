package io.cohort.server.config;

import io.cohort.server.config.IniDocument.RawValue;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.math.BigDecimal;
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
 * Typed reads of one section's merged raw values. A value that does not parse or is out of range
 * adds a {@link ConfigError} naming the key, its source file and the problem, and the read returns
 * a harmless fallback: the caller finishes reading every key (so all errors are reported
 * together) and throws if any error was found.
 */
final class SectionValues {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,15})?");

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
        return (int) longInteger(key, min, max);
    }

    long longInteger(String key, long min, long max) {
        String t = text(key);
        try {
            long n = Long.parseLong(t);
            if (n < min || n > max) {
                fail(key, quote(t) + " is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            fail(key, quote(t) + " is not a whole number (" + min + ".." + max + ")");
            return min;
        }
    }

    /**
     * A decimal number written with digits and at most one decimal point ({@code 3600},
     * {@code 3600.5}; no sign, exponent, NaN or infinity), greater than {@code above} and at most
     * {@code max}.
     */
    double decimal(String key, double above, double max) {
        String t = text(key);
        String range = "more than " + plain(above) + ", at most " + plain(max);
        if (!DECIMAL.matcher(t).matches()) {
            fail(key, quote(t) + " is not a number (" + range + ", e.g. 3600 or 3600.5)");
            return max;
        }
        double n = Double.parseDouble(t);
        if (!(n > above) || n > max) {
            fail(key, quote(t) + " is out of range: " + range);
        }
        return n;
    }

    /** An absolute path. */
    Path absolutePath(String key) {
        String t = text(key);
        if (!t.startsWith("/")) {
            fail(key, quote(t) + " is not an absolute path");
            return Path.of("/");
        }
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            fail(key, quote(t) + " is not a path");
            return Path.of("/");
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
        return parseIpAddress(key, t).orElseGet(() -> Ipv4Literal.fromInt(0));
    }

    /** Like {@link #ipAddress}, but an empty value is no address (and no error). */
    Optional<InetAddress> optionalIpAddress(String key) {
        String t = text(key);
        return t.isEmpty() ? Optional.empty() : parseIpAddress(key, t);
    }

    private Optional<InetAddress> parseIpAddress(String key, String t) {
        Optional<InetAddress> address = AddressLiteral.ip(t);
        if (address.isEmpty()) {
            fail(key, AddressLiteral.looksLikeIpv6(t) ? quote(t) + " is not an IPv6 address"
                    : quote(t) + " is not an IP address literal (host names are not accepted)");
        }
        return address;
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

    /**
     * Reports that {@code key} is missing a value that another key made necessary: the error
     * names {@code key} but the file {@code causeKey} was set in (the key has no value there,
     * and is usually not in that file at all).
     */
    void failBecauseOf(String key, String causeKey, String problem) {
        failedKeys.add(key);
        errors.add(new ConfigError(raw(causeKey).source(), section, key, problem));
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

    private static String plain(double n) {
        return BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
