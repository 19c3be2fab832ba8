/**
 * The raw-packet classifier of the master (the patent's figure 9, step 911): IPv4 bytes to a
 * work unit or a drop reason. Depends on {@code cluster}'s {@code WorkFilter} and
 * {@code FlowKey} only; knows nothing of capture or sending.
 */
package io.cohort.steering.classify;
