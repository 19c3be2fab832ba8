package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * A message between cluster members (patent figures 6 and 8A–8I). Every message names its sender;
 * the transport vouches for that name (each message is sealed with ChaCha20-Poly1305 under keys
 * agreed at the join, {@code io.cohort.cluster.secure}). A message's source address is given to the
 * receiver beside it, not inside it.
 */
public sealed interface ClusterMessage
        permits JoinRequest, JoinNak, JoinAck, OfferMaster, OtherMasterExists, MasterKeepalive,
                MemberKeepalive, Assign, AssignAck, Deassign, DeassignAck, Exit {
    /** The member that sent the message. */
    MemberId sender();
}
