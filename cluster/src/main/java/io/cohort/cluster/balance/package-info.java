/**
 * The master's work distribution (figures 8D and 9): the
 * {@link io.cohort.cluster.balance.WorkUnitAssignment} of units to members and the
 * {@link io.cohort.cluster.balance.LoadBalancer} decisions over it. Pure functions; sending the
 * assign and de-assign requests and waiting for their acknowledgments is the caller's.
 */
package io.cohort.cluster.balance;
