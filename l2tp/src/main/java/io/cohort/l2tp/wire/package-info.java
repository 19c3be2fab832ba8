/**
 * The L2TP (RFC 2661) wire layer: header, control messages and their AVPs as immutable typed
 * values, the datagram codec ({@link io.cohort.l2tp.wire.L2tpCodec}) with AVP hiding (4.3), the
 * required-AVP table of section 6, result and error codes, and tunnel authentication (5.1.1).
 *
 * <p>Holds no state and no protocol logic (reliable delivery, tunnel and session state machines
 * live beside it in {@code io.cohort.l2tp}). Must not depend on other {@code io.cohort.l2tp}
 * packages, on {@code ppp} (PPP frames are opaque payload here), on sockets, threads or time.
 */
package io.cohort.l2tp.wire;
