/**
 * The PPTP control connection (RFC 2637 section 3.1) and its calls (3.2.4.1), Cohort being the
 * receiver of the TCP connection and the PAC answering Outgoing-Call-Requests:
 * {@link io.cohort.pptp.control.ControlConnection} with its state table
 * {@link io.cohort.pptp.control.ControlTransitions}. Sans-I/O: no sockets, no threads; time from
 * an injected {@code io.cohort.time.Scheduler}. Depends on {@code wire} and {@code call}, not on
 * {@code gre}: the owner builds a {@code GreChannel} from each {@link io.cohort.pptp.control.PptpCall}.
 */
package io.cohort.pptp.control;
