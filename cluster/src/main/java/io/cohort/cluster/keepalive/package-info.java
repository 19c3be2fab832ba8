/**
 * Failure detection (patent, "Failover Handling", figures 8B, 8G–8I): the
 * {@link io.cohort.cluster.keepalive.LossEstimator} of each member's keepalive loss, the
 * {@link io.cohort.cluster.keepalive.AdaptiveInterval} it drives, the
 * {@link io.cohort.cluster.keepalive.Watchdog} that declares a silent member dead, and their
 * constants in {@link io.cohort.cluster.keepalive.KeepalivePolicy}. Time comes in as arguments;
 * nothing here sends, schedules or knows about work units.
 */
package io.cohort.cluster.keepalive;
