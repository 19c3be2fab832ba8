/**
 * The cluster PKI (DESIGN.md "The cluster layer"; the patent's figure 6, where the master checks a
 * joiner's certificate against its "list of valid certificates"): a cluster CA
 * ({@link io.cohort.cluster.pki.ClusterCa}) issues each member a certificate naming it (subject CN)
 * and its cluster address (subject alternative name, IP), and revokes members through a CRL
 * ({@link io.cohort.cluster.pki.RevocationList});
 * {@link io.cohort.cluster.pki.MemberCredentialVerifier} decides whether a presented certificate
 * belongs to a current member; {@link io.cohort.cluster.pki.PemFiles} reads and writes all of it.
 *
 * <p>Every key is Ed25519 (RFC 8032, in X.509 as RFC 8410): one fixed curve with no parameters to
 * get wrong, deterministic signatures (no per-signature random number whose reuse leaks the key,
 * and reproducible golden certificates), 32-byte keys and fast verification. Every member runs
 * Cohort, so interoperability with older TLS stacks is not a concern. Bouncy Castle's lightweight
 * API does the work; no JCA provider is registered (no global state).
 *
 * <p>Time comes in as an {@link java.time.InstantSource}; nothing here reads the system clock.
 */
package io.cohort.cluster.pki;
