/**
 * The control API's typed documents: what {@code status --json} and {@code cluster --json}
 * answer ({@link io.cohort.server.control.api.StatusDocument},
 * {@link io.cohort.server.control.api.ClusterDocument}), written and read by one Jackson mapper
 * ({@link io.cohort.server.control.api.ControlJson}). The server renders them and every reader
 * (the CLI, the lab, the benchmarks, the tests) parses them with the same records: no reader
 * depends on field order or re-parses strings.
 */
package io.cohort.server.control.api;
