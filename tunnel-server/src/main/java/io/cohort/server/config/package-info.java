/**
 * The typed configuration: one record per INI section, gathered in
 * {@link io.cohort.server.config.CohortConfig}. {@link io.cohort.server.config.ConfigLoader}
 * reads the embedded default ({@code /io/cohort/etc/cohort.ini} from the {@code etc} module) and
 * an optional operator file merged over it key by key, validates everything once and reports
 * every problem together in a {@link io.cohort.server.config.ConfigException}. The rest of the
 * server receives these records and never looks up string keys.
 *
 * <p>One home per setting: each section record holds its keys' defaults ({@code DEFAULT}, which
 * {@code cohort.ini} documents and a test keeps equal), reads their text ({@code read}, syntax
 * only, through {@link io.cohort.server.config.SectionValues}) and checks their validity rules in
 * its compact constructor, throwing an {@link io.cohort.server.config.InvalidSettingsException}
 * that names each broken {@code section.key}; {@link io.cohort.server.config.ConfigReader} walks
 * the sections and turns those into errors against the file each value came from. Rules owned
 * elsewhere stay there: the failure-detection constants are
 * {@link io.cohort.cluster.keepalive.KeepalivePolicy}'s.
 */
package io.cohort.server.config;
