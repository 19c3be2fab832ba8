/**
 * TLS 1.3 between members (DESIGN.md "State": the cluster channel is authenticated and encrypted,
 * members prove identity with certificates of the cluster CA): the member's key and certificate,
 * and a trust manager that accepts exactly the cluster PKI's member certificates and, on
 * connections this member opens, only the member it meant to reach.
 */
package io.cohort.replication.tls;
