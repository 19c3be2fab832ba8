/**
 * Cluster message security (DESIGN.md "State": replicated state holds session keys), sans I/O. At
 * join, {@link io.cohort.cluster.secure.JoinerHandshake} and
 * {@link io.cohort.cluster.secure.MasterHandshake} run a signed X25519 exchange authenticated by
 * the members' certificates ({@link io.cohort.cluster.pki}) and derive, with HKDF-SHA256, one
 * ChaCha20-Poly1305 key per direction; the master then grants the member its broadcast
 * {@link io.cohort.cluster.secure.GroupKey} over that session. Every cluster message is a
 * {@link io.cohort.cluster.secure.SealedEnvelope} made by a {@link io.cohort.cluster.secure.Sealer}
 * and checked by the receiver's {@link io.cohort.cluster.secure.Opener} (tag, replay window, known
 * sender and key), which drops and counts whatever fails. No secret is ever printed.
 */
package io.cohort.cluster.secure;
