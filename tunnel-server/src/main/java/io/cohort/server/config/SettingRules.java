package io.cohort.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validity rules of one settings record, checked in its compact constructor: each rule that
 * fails adds a {@link SettingViolation} for its key, {@link #enforce()} throws them all together.
 * A key gets at most one violation, the first rule it breaks; a rule that compares keys is only
 * checked when every key it reads broke no rule so far.
 */
final class SettingRules {
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,15}");

    private final String section;
    private final List<SettingViolation> violations = new ArrayList<>();

    /** Rules of the keys of {@code [section]}. */
    SettingRules(String section) {
        this.section = section;
    }

    /** {@code key}'s value breaks a rule unless {@code ok}. */
    void check(boolean ok, String key, String problem) {
        if (!ok && valid(key)) {
            violations.add(new SettingViolation(setting(key), problem, Set.of(), Optional.empty()));
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    void range(String key, long value, long min, long max) {
        check(value >= min && value <= max, key, "'" + value + "' is out of range " + min + ".." + max);
    }

    /** A duration from {@code min} to {@code max}. */
    void range(String key, Duration value, Duration min, Duration max) {
        check(value.compareTo(min) >= 0 && value.compareTo(max) <= 0, key, "'" + DurationFormat.format(value)
                + "' is out of range " + DurationFormat.format(min) + ".." + DurationFormat.format(max));
    }

    /** A network interface name as Linux allows it (IFNAMSIZ: at most 15 octets). */
    void interfaceName(String key, String name) {
        check(INTERFACE_NAME.matcher(name).matches(), key,
                "'" + name + "' is not an interface name (1 to 15 of letters, digits, '.', '-', '_')");
    }

    /** {@code key}'s value breaks a rule against the values of {@code others} unless {@code ok}. */
    void compare(boolean ok, String key, String problem, String... others) {
        if (!ok && valid(key) && Arrays.stream(others).allMatch(this::valid)) {
            violations.add(new SettingViolation(setting(key), problem, settings(others), Optional.empty()));
        }
    }

    /**
     * {@code key} needs a value unless {@code present}, because of {@code requiredBy}'s value (and
     * those of {@code others}).
     */
    void require(boolean present, String key, String problem, String requiredBy, String... others) {
        if (!present && valid(key) && valid(requiredBy) && Arrays.stream(others).allMatch(this::valid)) {
            violations.add(new SettingViolation(setting(key), problem, settings(others),
                    Optional.of(setting(requiredBy))));
        }
    }

    /** Adds a violation found elsewhere (by a record these settings build). */
    void add(SettingViolation violation) {
        violations.add(violation);
    }

    /** True if {@code key} broke no rule so far. */
    boolean valid(String key) {
        Setting s = setting(key);
        return violations.stream().noneMatch(v -> v.setting().equals(s));
    }

    /** Throws every violation found, if any. */
    void enforce() {
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException(violations);
        }
    }

    Setting setting(String key) {
        return new Setting(section, key);
    }

    private Set<Setting> settings(String... keys) {
        return Arrays.stream(keys).map(this::setting).collect(Collectors.toSet());
    }
}
