/**
 * The cluster's messages (patent figures 6, 8A–8I and 9) as validated immutable records in the
 * sealed {@link io.cohort.cluster.message.ClusterMessage}. No byte codec yet; the wire layer and
 * its authentication come later. Depends on {@code unit} and {@code member} only.
 */
package io.cohort.cluster.message;
