package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;

/**
 * The master's check of a joining member's credential, the patent's "list of valid certificates"
 * (figure 6, 603): in Cohort a member certificate from the cluster CA, not revoked, whose subject
 * is the member's name. Implemented by the PKI layer; synchronous, since it needs no peer.
 */
@FunctionalInterface
public interface CredentialCheck {
    boolean accepts(MemberId member, byte[] credential);

    /** Accepts everything: for tests of the state machine alone. */
    CredentialCheck ACCEPT_ALL = (member, credential) -> true;
}
