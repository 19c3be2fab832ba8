package io.cohort.l2tp.wire;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Accounts for datagrams that {@link L2tpCodec#decode} rejected: one counter per
 * {@link DecodeError} ({@code l2tp.rx.malformed.<error>}, e.g. {@code l2tp.rx.malformed.bad_avp_length})
 * plus a rate-limited log line. The caller then drops the datagram or, for errors that the RFC
 * makes fatal (4.2, 4.4.1), clears the tunnel or session named by the error.
 */
public final class MalformedDatagrams {
    /** Prefix of the per-error counters. */
    public static final String COUNTER_PREFIX = "l2tp.rx.malformed.";
    private static final String LOG_KEY = "l2tp.rx.malformed";

    private final Counters counters;
    private final RateLimitedLog log;

    public MalformedDatagrams(Counters counters, RateLimitedLog log) {
        this.counters = counters;
        this.log = log;
    }

    /** The counter name for an error. */
    public static String counterName(DecodeError error) {
        return COUNTER_PREFIX + error.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Counts and logs one rejected datagram from {@code peer} (an address for the log line; the
     * detail never holds AVP values or secrets).
     */
    public void report(DecodeResult.Malformed<L2tpPacket, DecodeFault> m, String peer) {
        DecodeFault fault = m.error();
        counters.counter(counterName(fault.kind())).increment();
        log.log(Level.WARNING, LOG_KEY, "dropped L2TP datagram from %s (tunnel %d, session %d): %s: %s",
                peer, fault.tunnelId(), fault.sessionId(), fault.kind(), m.detail());
    }
}
