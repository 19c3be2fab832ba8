/**
 * The server's life cycle: {@link io.cohort.server.runtime.CohortServer} builds the pool, the
 * registry, the counters and the control socket, then starts the protocol listeners through the
 * {@link io.cohort.server.runtime.ServerRuntime} SPI, and shuts everything down in reverse order.
 * The protocol wiring (L2TP ⇄ PPP ⇄ TUN) implements that SPI and is found with
 * {@link java.util.ServiceLoader} through {@link io.cohort.server.runtime.ServerRuntimeFactory}.
 */
package io.cohort.server.runtime;
