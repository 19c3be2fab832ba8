package io.cohort.server.config;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validity rule of a settings record that its values break.
 *
 * @param setting    the key the problem is reported under
 * @param problem    what is wrong; never quotes a secret
 * @param alsoRead   the other keys the rule read: when one of them could not be read (its text did
 *                   not parse), the rule saw a stand-in value and the problem is not reported
 * @param requiredBy for a key that has no value while another key's value needs one: that key. The
 *                   error then names the file {@code requiredBy} was set in, since the missing key
 *                   is usually not in any file
 */
public record SettingViolation(Setting setting, String problem, Set<Setting> alsoRead, Optional<Setting> requiredBy) {
    public SettingViolation {
        Objects.requireNonNull(setting);
        Objects.requireNonNull(problem);
        alsoRead = Set.copyOf(alsoRead);
        Objects.requireNonNull(requiredBy);
    }

    /** Every key the rule read: {@link #setting}, {@link #alsoRead} and {@link #requiredBy}. */
    public Set<Setting> settingsRead() {
        Set<Setting> all = new HashSet<>(alsoRead);
        all.add(setting);
        requiredBy.ifPresent(all::add);
        return all;
    }

    @Override
    public String toString() {
        return setting + ": " + problem;
    }
}
