/**
 * Reliable delivery of L2TP control messages (RFC 2661 section 5.8 and Appendix A): Ns/Nr
 * sequence numbers modulo 65536, the sliding window, retransmission with exponential back-off,
 * slow start and congestion avoidance, delayed ZLB acknowledgements, duplicate detection and
 * in-order delivery of messages that arrive out of order.
 *
 * <p>A channel snapshots to, and is rebuilt from, its
 * {@link io.cohort.l2tp.control.ControlChannelEssentialState} (patent figure 7).
 *
 * <p>Messages are opaque here: they are "encode me with (Ns, Nr)" functions on the way out and a
 * type parameter on the way in. Must not depend on the wire codec, on tunnel or session logic,
 * on sockets or threads; time comes only from an injected {@link io.cohort.time.Scheduler}.
 */
package io.cohort.l2tp.control;
