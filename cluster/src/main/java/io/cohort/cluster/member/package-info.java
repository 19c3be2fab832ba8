/** Identity of cluster members. Membership, join and election will live here. */
package io.cohort.cluster.member;
