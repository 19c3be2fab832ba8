package io.cohort.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the merged document into {@link CohortConfig}, section by section: each section record
 * reads its keys' text ({@code XSection.read}) and checks its own rules; this class turns the
 * rules a record reports broken ({@link InvalidSettingsException}) into {@link ConfigError}s
 * naming the section, the key and the file the value came from. Errors are listed in the order of
 * the embedded default's sections and keys.
 */
final class ConfigReader {
    private final IniDocument document;
    private final List<ConfigError> errors;
    private final Path baseDir;
    private final List<ConfigError> found = new ArrayList<>();
    /** Keys whose text did not parse, and every key of a section that was rejected: their values are stand-ins. */
    private final Set<Setting> unreadable = new HashSet<>();

    /** Relative paths (the users file) are resolved against {@code baseDir}; errors are added to {@code errors}. */
    ConfigReader(IniDocument document, List<ConfigError> errors, Path baseDir) {
        this.document = document;
        this.errors = errors;
        this.baseDir = baseDir;
    }

    /** The configuration, or empty if an error was found (then added to the errors). */
    Optional<CohortConfig> read() {
        ServerSection server = section("server", ServerSection::read, ServerSection.DEFAULT);
        L2tpSection l2tp = section("l2tp", L2tpSection::read, L2tpSection.DEFAULT);
        PptpSection pptp = section("pptp", PptpSection::read, PptpSection.DEFAULT);
        LimitsSection limits = section("limits", LimitsSection::read, LimitsSection.DEFAULT);
        PppSection ppp = section("ppp", PppSection::read, PppSection.DEFAULT);
        PoolSection pool = section("pool", PoolSection::read, PoolSection.DEFAULT);
        TunSection tun = section("tun", TunSection::read, TunSection.DEFAULT);
        UsersSection users = section("users", s -> UsersSection.read(s, baseDir), UsersSection.DEFAULT);
        ControlSection control = section("control", ControlSection::read, ControlSection.DEFAULT);
        ClusterSection cluster = section("cluster", ClusterSection::read, ClusterSection.DEFAULT);
        SteeringSection steering = section("steering", SteeringSection::read, SteeringSection.DEFAULT);
        InsideSection inside = section("inside", InsideSection::read, InsideSection.DEFAULT);
        LogSection log = section("log", LogSection::read, LogSection.DEFAULT);
        Optional<CohortConfig> config = Optional.empty();
        try {
            config = Optional.of(new CohortConfig(server, l2tp, pptp, limits, ppp, pool, tun, users, control, cluster,
                    steering, inside, log));
        } catch (InvalidSettingsException e) {
            report(e);
        }
        found.sort(Comparator.comparingInt(this::position));
        errors.addAll(found);
        return found.isEmpty() ? config : Optional.empty();
    }

    /**
     * {@code [name]} read by {@code read}, or {@code fallback} (its defaults) if its record rejects
     * the values, so that the remaining sections are still read.
     */
    private <T> T section(String name, Function<SectionValues, T> read, T fallback) {
        var values = document.sections().get(name);
        if (values == null) {
            throw new IllegalStateException("the embedded default has no section [" + name + "]");
        }
        SectionValues s = new SectionValues(name, values, found);
        T section;
        try {
            section = read.apply(s);
        } catch (InvalidSettingsException e) {
            unreadable.addAll(s.unreadable());
            report(e);
            s.keys().forEach(key -> unreadable.add(new Setting(name, key)));
            return fallback;
        }
        unreadable.addAll(s.unreadable());
        return section;
    }

    /**
     * Each violation as an error against the file its key (or the key that requires it) came from;
     * a violation found on a stand-in value is left out, its key's own error already says what to fix.
     */
    private void report(InvalidSettingsException e) {
        for (SettingViolation v : e.violations()) {
            if (!Collections.disjoint(v.settingsRead(), unreadable)) {
                continue;
            }
            Setting blamed = v.setting();
            String source = source(v.requiredBy().orElse(blamed));
            found.add(new ConfigError(source, blamed.section(), blamed.key(), v.problem()));
        }
    }

    private String source(Setting setting) {
        return document.sections().get(setting.section()).get(setting.key()).source();
    }

    /** Where an error's key stands in the embedded default: sections, then keys, in their order. */
    private int position(ConfigError error) {
        int index = 0;
        for (Map.Entry<String, Map<String, IniDocument.RawValue>> section : document.sections().entrySet()) {
            if (section.getKey().equals(error.section())) {
                return index + new ArrayList<>(section.getValue().keySet()).indexOf(error.key()) + 1;
            }
            index += section.getValue().size() + 1;
        }
        return index;
    }
}
