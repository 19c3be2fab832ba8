package io.cohort.l2tp.control;

import java.nio.ByteBuffer;

/**
 * A control message waiting for reliable delivery, opaque to the channel: it knows only how to
 * encode itself with the Ns and Nr the channel gives it. A retransmission encodes it again with
 * the same Ns and the current Nr (5.8: "the Nr value MUST be updated").
 */
@FunctionalInterface
public interface OutboundMessage {
    ByteBuffer encode(int ns, int nr);
}
