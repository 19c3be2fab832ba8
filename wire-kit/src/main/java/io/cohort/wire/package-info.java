/**
 * The wire kit: the shapes every codec of Cohort shares, whatever its protocol (L2TP, PPTP and
 * GRE, the cluster's own messages). {@link io.cohort.wire.CodePoint} and
 * {@link io.cohort.wire.CodeTable} for numbered field values and their lookup;
 * {@link io.cohort.wire.FieldRange} for the range checks of record components;
 * {@link io.cohort.wire.DecodeResult} for what decoding untrusted octets yields.
 *
 * <p>It owns shapes, not protocols: no constants, messages or codecs of any protocol live here.
 * It depends on nothing but the JDK (not even {@code time} or {@code telemetry}), and every
 * protocol module may depend on it.
 */
package io.cohort.wire;
