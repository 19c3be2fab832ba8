/**
 * Time as an injected dependency: {@link io.cohort.time.Clock}, {@link io.cohort.time.Scheduler},
 * a real-time adapter and a virtual-time implementation for tests. Depends on nothing.
 */
package io.cohort.time;
