/**
 * The local control socket: a Unix-domain stream socket, owner-only, on which {@code cohort status}
 * asks a running server for its status ({@code cohort cluster}: its cluster; {@code cohort drain}:
 * drains it). The protocol is one command line in, one answer out,
 * then the server closes the connection (see {@link io.cohort.server.control.ControlProtocol}).
 */
package io.cohort.server.control;
