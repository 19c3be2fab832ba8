/**
 * The PPTP control connection (RFC 2637 section 3.1) and its calls (3.2.4), for both ends. The
 * server: {@link io.cohort.pptp.control.ControlConnection}, the receiver of the TCP connection and
 * the PAC answering Outgoing-Call-Requests, with its state table
 * {@link io.cohort.pptp.control.ControlTransitions}. The in-repo client:
 * {@link io.cohort.pptp.control.ClientControlConnection}, the originator and the PNS placing
 * them (3.1.1, 3.2.4.2), with {@link io.cohort.pptp.control.ClientControlTransitions}. What both
 * ends do alike (framing, the connection timer, the Echo keepalive, the stop exchange, illegal
 * messages, counters) is {@link io.cohort.pptp.control.ControlConnectionCore}, their tables are
 * {@link io.cohort.pptp.control.TransitionTable}s. A PAC connection's state is data (the
 * patent's figure 7): {@link io.cohort.pptp.control.ControlConnectionInitialState},
 * {@link io.cohort.pptp.control.PptpCall} per call, and
 * {@link io.cohort.pptp.control.ControlConnectionEssentialState}, from which
 * {@link io.cohort.pptp.control.ControlConnection#rebuild} carries it on. Sans-I/O:
 * no sockets, no threads; time from an injected {@code io.cohort.time.Scheduler}. Depends on
 * {@code wire} and {@code call}, not on {@code gre}: the owner builds a {@code GreChannel} from
 * each {@link io.cohort.pptp.control.PptpCall}.
 */
package io.cohort.pptp.control;
