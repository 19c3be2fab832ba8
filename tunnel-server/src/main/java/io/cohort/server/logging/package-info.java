/**
 * Logging set-up: java.util.logging configured from {@code [log] level}, one concise line per
 * record ({@link io.cohort.server.logging.OneLineFormatter}).
 */
package io.cohort.server.logging;
