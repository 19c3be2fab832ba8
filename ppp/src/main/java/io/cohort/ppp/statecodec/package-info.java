/**
 * The wire encoding of a PPP link's state records (patent, figure 7) for replication between
 * members: {@link io.cohort.ppp.statecodec.PppLinkStateCodec} writes a
 * {@link io.cohort.ppp.PppLinkInitialState} or {@link io.cohort.ppp.PppLinkEssentialState} as
 * octets and reads them back, refusing bad input with a
 * {@link io.cohort.ppp.statecodec.PppLinkStateDecodeError}. It knows nothing of how the octets
 * travel (the replication channel, which encrypts them, is elsewhere).
 */
package io.cohort.ppp.statecodec;
