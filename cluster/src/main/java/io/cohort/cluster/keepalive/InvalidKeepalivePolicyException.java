package io.cohort.cluster.keepalive;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link KeepalivePolicy} with constants out of range: {@link #problems()} says which, and what
 * is wrong with each, so that a configuration can report them against its own keys.
 */
public final class InvalidKeepalivePolicyException extends IllegalArgumentException {
    private final Map<KeepalivePolicy.Constant, String> problems;

    InvalidKeepalivePolicyException(Map<KeepalivePolicy.Constant, String> problems) {
        super("invalid keepalive policy: " + problems.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        this.problems = Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    /** Each constant at fault and its problem, in the order of the policy's components. */
    public Map<KeepalivePolicy.Constant, String> problems() {
        return problems;
    }
}
