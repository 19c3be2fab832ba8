/** Operator-facing counters and rate-limited logging. Depends only on {@code time}. */
package io.cohort.telemetry;
