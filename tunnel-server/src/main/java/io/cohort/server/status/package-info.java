/**
 * What {@code cohort status} shows: a {@link io.cohort.server.status.StatusSnapshot} gathered from
 * the session registry, the address pool and the server's counters, rendered as aligned text
 * tables ({@link io.cohort.server.status.StatusText}) or JSON
 * ({@link io.cohort.server.status.StatusJson}).
 */
package io.cohort.server.status;
