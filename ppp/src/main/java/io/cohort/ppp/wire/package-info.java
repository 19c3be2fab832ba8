/**
 * PPP wire formats (RFC 1661 section 2 and 5, RFC 1662 section 3): frames with optional
 * address/control and compressed protocol fields, control packets (code, identifier, length,
 * data) and option TLVs. Decoders validate once and return {@link io.cohort.ppp.wire.DecodeResult}.
 * Holds no protocol logic; depends on nothing but the JDK.
 */
package io.cohort.ppp.wire;
