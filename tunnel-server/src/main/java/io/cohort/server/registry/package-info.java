/**
 * The session registry: protocol-agnostic rows describing every tunnel and session this server
 * holds (ids, peer, user, address, state, traffic), kept up to date by the protocol wiring and
 * read by {@code cohort status}. It holds no protocol state; engines own that.
 */
package io.cohort.server.registry;
