package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/** The master's "NAK" to a join request (figure 8F, 877 and 885). */
public record JoinNak(MemberId sender, MemberId target, NakReason reason) implements ClusterMessage {}
