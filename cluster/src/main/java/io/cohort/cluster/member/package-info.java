/**
 * Identity of cluster members. Membership, join and election live in
 * {@code io.cohort.cluster.membership}.
 */
package io.cohort.cluster.member;
