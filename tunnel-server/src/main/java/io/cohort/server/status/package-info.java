/**
 * What {@code cohort status} shows: a {@link io.cohort.server.status.StatusSnapshot} gathered from
 * the session registry, the address pool and the server's counters, rendered as aligned text
 * tables ({@link io.cohort.server.status.StatusText}); its JSON is the control API's
 * {@link io.cohort.server.control.api.StatusDocument}.
 */
package io.cohort.server.status;
