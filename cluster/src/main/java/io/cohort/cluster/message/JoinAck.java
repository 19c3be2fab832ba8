package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * "OK to join" (figure 6, 605; figure 8F, 887): {@code target} is now a member of the cluster
 * that {@code sender} masters during {@code term}.
 */
public record JoinAck(MemberId sender, MemberId target, long term) implements ClusterMessage {}
