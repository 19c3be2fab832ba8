/**
 * The IPv4 address pool handing out users' PPP addresses ({@link io.cohort.server.pool.Ipv4Pool}).
 * It is shaped to implement the {@code ppp} module's address allocator SPI.
 */
package io.cohort.server.pool;
