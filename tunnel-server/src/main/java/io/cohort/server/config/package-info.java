/**
 * The typed configuration: one record per INI section, gathered in
 * {@link io.cohort.server.config.CohortConfig}. {@link io.cohort.server.config.ConfigLoader}
 * reads the embedded default ({@code /io/cohort/etc/cohort.ini} from the {@code etc} module) and
 * an optional operator file merged over it key by key, validates everything once and reports
 * every problem together in a {@link io.cohort.server.config.ConfigException}. The rest of the
 * server receives these records and never looks up string keys.
 */
package io.cohort.server.config;
