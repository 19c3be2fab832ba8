/**
 * MPPE, Microsoft Point-to-Point Encryption (RFC 3078), with the key derivation of RFC 3079 from
 * MS-CHAPv2 credentials: {@link io.cohort.ppp.mppe.MppeEncryptor} and
 * {@link io.cohort.ppp.mppe.MppeDecryptor} per link, negotiated by {@code io.cohort.ppp.ccp}.
 * SHA-1 and RC4 come from Bouncy Castle. Keys never appear in toString, logs or exceptions.
 */
package io.cohort.ppp.mppe;
