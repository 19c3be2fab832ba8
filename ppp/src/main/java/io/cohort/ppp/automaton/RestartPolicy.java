package io.cohort.ppp.automaton;

import java.time.Duration;

/**
 * The automaton's tunables (RFC 1661 section 4.6): the restart timer and the three counters.
 * Defaults are the RFC's suggestions.
 */
public record RestartPolicy(Duration restartInterval, int maxTerminate, int maxConfigure, int maxFailure) {
    public static final RestartPolicy RFC_DEFAULTS = new RestartPolicy(Duration.ofSeconds(3), 2, 10, 5);

    public RestartPolicy {
        if (restartInterval.isNegative() || restartInterval.isZero()) {
            throw new IllegalArgumentException("restart interval must be positive");
        }
        if (maxTerminate < 1 || maxConfigure < 1 || maxFailure < 1) {
            throw new IllegalArgumentException("counters must be at least 1");
        }
    }
}
