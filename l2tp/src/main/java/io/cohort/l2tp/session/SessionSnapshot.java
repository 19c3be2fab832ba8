package io.cohort.l2tp.session;

/**
 * A session as operators see it. <b>Initial</b>: the IDs, role and whether data carries sequence
 * numbers. <b>Essential</b>: {@code state}, {@code dataNs} and {@code dataNrExpected} (the
 * data-channel numbers are replicated lazily and resumed with a forward jump). <b>Calculable</b>:
 * the counters.
 */
public record SessionSnapshot(int localTunnelId, int localSessionId, int peerSessionId, SessionRole role,
        SessionState state, boolean sendSequenced, int dataNs, int dataNrExpected, long txPackets,
        long txOctets, long rxPackets, long rxOctets, long rxOutOfOrder, long rxSequenceGaps) {
}
