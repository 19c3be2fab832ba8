/**
 * The cluster's messages (patent figures 6, 8A–8I and 9) as validated immutable records in the
 * sealed {@link io.cohort.cluster.message.ClusterMessage}. Their octets are
 * {@link io.cohort.cluster.wire.ClusterCodec}'s business, their authentication the {@code secure}
 * package's. Depends on {@code unit} and {@code member} only.
 */
package io.cohort.cluster.message;
