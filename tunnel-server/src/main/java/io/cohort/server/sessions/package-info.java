/**
 * A user's session whatever tunnel carries it: the server-role PPP link and its registry row
 * ({@link io.cohort.server.sessions.PppSession}, generic over the lower layer's handle), the
 * server's PPP configuration ({@link io.cohort.server.sessions.PppServerConfiguration}) and its
 * users ({@link io.cohort.server.sessions.ServerUsers}).
 */
package io.cohort.server.sessions;
