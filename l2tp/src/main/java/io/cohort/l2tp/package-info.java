/**
 * The L2TP node: every tunnel and session behind one local UDP endpoint
 * ({@link io.cohort.l2tp.L2tpNode}), its typed configuration and limits, the events it reports
 * ({@link io.cohort.l2tp.L2tpEvents}) and the allocation of local tunnel and session IDs.
 *
 * <p>Sans-I/O: datagrams come in through {@code receive} and go out through
 * {@link io.cohort.l2tp.L2tpEvents#transmit}. Must not depend on {@code ppp} (PPP frames are
 * opaque bytes), on sockets, threads or the server module.
 */
package io.cohort.l2tp;
