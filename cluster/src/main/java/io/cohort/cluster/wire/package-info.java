/**
 * The byte codec of the cluster messages ({@link io.cohort.cluster.wire.ClusterCodec}, layout in
 * its class comment): the plaintext of {@link io.cohort.cluster.secure.SealedEnvelope}. Decoding
 * validates everything once and yields a message or a typed {@link io.cohort.cluster.wire.DecodeError}.
 * Depends on {@code message}, {@code member} and {@code unit} only; knows nothing of sockets or keys.
 */
package io.cohort.cluster.wire;
