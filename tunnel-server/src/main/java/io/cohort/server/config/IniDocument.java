package io.cohort.server.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.INIConfiguration;
import org.apache.commons.configuration2.SubnodeConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * The untyped content of one INI file, read with Commons Configuration: section → key → value,
 * each value remembering the file it came from. {@link #mergedOver} lays one document over
 * another key by key.
 */
final class IniDocument {
    /** The section name Commons Configuration gives keys written before any section header. */
    static final String NO_SECTION = "";

    /** A raw value and the file it came from; {@code count} > 1 if the key was given repeatedly. */
    record RawValue(String text, String source, int count) {
    }

    private final Map<String, Map<String, RawValue>> sections;
    private final String source;

    private IniDocument(Map<String, Map<String, RawValue>> sections, String source) {
        this.sections = sections;
        this.source = source;
    }

    /**
     * Reads INI text. A file Commons Configuration cannot parse yields one error for the whole
     * file in {@code errors} and an empty document.
     */
    static IniDocument read(Reader reader, String source, List<ConfigError> errors) {
        INIConfiguration ini = new INIConfiguration();
        try {
            ini.read(reader);
        } catch (ConfigurationException | IOException e) {
            errors.add(new ConfigError(source, "", "", "cannot parse INI: " + e.getMessage()));
            return new IniDocument(new LinkedHashMap<>(), source);
        }
        Map<String, Map<String, RawValue>> sections = new LinkedHashMap<>();
        for (String name : ini.getSections()) {
            String sectionName = name == null ? NO_SECTION : name;
            SubnodeConfiguration section = ini.getSection(name);
            Map<String, RawValue> values = sections.computeIfAbsent(sectionName, k -> new LinkedHashMap<>());
            for (Iterator<String> keys = section.getKeys(); keys.hasNext(); ) {
                String key = keys.next();
                List<Object> all = section.getList(key);
                String first = all.isEmpty() || all.getFirst() == null ? "" : all.getFirst().toString();
                values.put(key, new RawValue(first.strip(), source, Math.max(1, all.size())));
            }
        }
        return new IniDocument(sections, source);
    }

    static IniDocument read(String text, String source, List<ConfigError> errors) {
        return read(new StringReader(text), source, errors);
    }

    Map<String, Map<String, RawValue>> sections() {
        return sections;
    }

    /**
     * This document laid over {@code base}: every key of this document replaces the same key of
     * the base. Sections and keys the base does not have are reported as unknown in
     * {@code errors} and left out.
     */
    IniDocument mergedOver(IniDocument base, List<ConfigError> errors) {
        Map<String, Map<String, RawValue>> merged = new LinkedHashMap<>();
        base.sections.forEach((name, values) -> merged.put(name, new LinkedHashMap<>(values)));
        sections.forEach((name, values) -> {
            Map<String, RawValue> target = merged.get(name);
            if (name.equals(NO_SECTION)) {
                values.forEach((key, v) -> errors.add(new ConfigError(v.source(), "(none)", key,
                        "key outside any section; put it under its [section]")));
                return;
            }
            if (target == null) {
                errors.add(new ConfigError(source, name, "", "unknown section; known sections: "
                        + String.join(", ", base.sections.keySet())));
                return;
            }
            values.forEach((key, v) -> {
                if (!target.containsKey(key)) {
                    errors.add(new ConfigError(v.source(), name, key, "unknown key; known keys in [" + name + "]: "
                            + String.join(", ", base.sections.get(name).keySet())));
                } else {
                    target.put(key, v);
                }
            });
        });
        return new IniDocument(merged, source);
    }

    /**
     * This document as INI text that reads back to the same values: {@code key = value}, a value
     * in double quotes when it holds a comment character or blanks at its ends. A value with a
     * double quote or a line break cannot be written so; it is refused.
     */
    String render() {
        StringBuilder out = new StringBuilder();
        sections.forEach((name, values) -> {
            if (name.equals(NO_SECTION)) {
                return;
            }
            out.append('[').append(name).append("]\n");
            values.forEach((key, v) -> {
                String text = v.text();
                if (text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                    throw new IllegalArgumentException(name + "." + key + " holds a quote or a line break");
                }
                boolean quote = text.contains("#") || text.contains(";") || !text.equals(text.strip());
                out.append(key).append(" = ").append(quote ? "\"" + text + "\"" : text).append('\n');
            });
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * {@code sections} of this document replaced by those of {@code local}: the sections named
     * keep {@code local}'s keys, every other section is this document's.
     */
    IniDocument withSectionsOf(IniDocument local, java.util.Set<String> sectionNames) {
        Map<String, Map<String, RawValue>> merged = new LinkedHashMap<>();
        sections.forEach((name, values) -> {
            if (!sectionNames.contains(name)) {
                merged.put(name, new LinkedHashMap<>(values));
            }
        });
        local.sections.forEach((name, values) -> {
            if (sectionNames.contains(name)) {
                merged.put(name, new LinkedHashMap<>(values));
            }
        });
        return new IniDocument(merged, source);
    }

    /** This document with {@code section.key} set to {@code text}. */
    IniDocument with(String section, String key, String text) {
        Map<String, Map<String, RawValue>> copy = new LinkedHashMap<>();
        sections.forEach((name, values) -> copy.put(name, new LinkedHashMap<>(values)));
        copy.computeIfAbsent(section, n -> new LinkedHashMap<>()).put(key, new RawValue(text, source, 1));
        return new IniDocument(copy, source);
    }
}
