/**
 * The authentication SPI ({@link io.cohort.ppp.auth.Authenticator}, its requests and decisions),
 * so that RADIUS can plug in later, and the local user stores: the users file, an in-memory
 * directory and the authenticator over them. Secrets never reach logs, toString() or exception
 * messages. Depends on {@code crypto}; never on the link engine, sockets or threads.
 */
package io.cohort.ppp.auth;
