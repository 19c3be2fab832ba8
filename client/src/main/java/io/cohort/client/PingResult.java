package io.cohort.client;

import java.time.Duration;
import java.util.List;

/** The outcome of {@link ClientSession#ping}: one round trip per answered echo, in order. */
public record PingResult(int sent, int received, List<Duration> roundTrips) {
    public PingResult {
        roundTrips = List.copyOf(roundTrips);
    }
}
